package org.nettychat.server.room;

/**
 * The memory that the rooms of a node may spend on what they keep (history and the refs of recent says), and the
 * order in which they took it. When something new takes the total over the limit, the oldest entries of the whole node
 * are dropped, whatever room holds them, so that one busy or flooded room cannot make the node run out of memory.
 *
 * <p>Lock order: a room's lock, then the budget's. {@link #enforce} takes rooms' locks and so must be called holding
 * none; it never holds the budget's lock while it takes a room's.
 */
final class HistoryBudget {

    private final long limitBytes;
    /** Written under this budget's lock; read without it to make {@link #enforce} cheap when nothing is over. */
    private volatile long usedBytes;
    /** Every entry a room holds, oldest first, linked through {@link Kept#younger}; guarded by this budget. */
    private Kept oldest;
    private Kept youngest;

    HistoryBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("limit: " + limitBytes + " bytes (expected: at least 0)");
        }
        this.limitBytes = limitBytes;
    }

    /** The estimated bytes that rooms keep now. */
    long usedBytes() {
        return usedBytes;
    }

    /** Records what a room now keeps, as the youngest entry. Called under that room's lock. */
    synchronized void charge(Kept kept) {
        kept.older = youngest;
        if (youngest == null) {
            oldest = kept;
        } else {
            youngest.younger = kept;
        }
        youngest = kept;
        usedBytes += kept.bytes;
    }

    /** Gives back what a room no longer keeps. Called under that room's lock, once per charged entry. */
    synchronized void release(Kept kept) {
        if (kept.older == null) {
            oldest = kept.younger;
        } else {
            kept.older.younger = kept.younger;
        }
        if (kept.younger == null) {
            youngest = kept.older;
        } else {
            kept.younger.older = kept.older;
        }
        kept.older = null;
        kept.younger = null;
        usedBytes -= kept.bytes;
    }

    /** While the rooms keep more than the limit, has the oldest entry's room drop it. Call holding no room's lock. */
    void enforce() {
        while (usedBytes > limitBytes) {
            Kept due = overdrawnOldest();
            if (due == null) {
                return;
            }
            due.room.drop(due);
        }
    }

    private synchronized Kept overdrawnOldest() {
        return usedBytes > limitBytes ? oldest : null;
    }
}
