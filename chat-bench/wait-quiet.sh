#!/usr/bin/env bash
# Waits (at most $1 seconds, default 300) until both CPUs have been at least $2% (default 90%) idle for 3 seconds, so that a
# benchmark does not start while other work (builds of other engineers) is using the shared machine.
# Exits 0 when quiet, 1 on timeout.
set -euo pipefail
limit=${1:-300}
threshold=${2:-90}
deadline=$((SECONDS + limit))
idle_share() {
    read -r _ u n s i w x y z _ < /proc/stat
    local t1=$((u + n + s + i + w + x + y + z)) i1=$((i + w))
    sleep 3
    read -r _ u n s i w x y z _ < /proc/stat
    local t2=$((u + n + s + i + w + x + y + z)) i2=$((i + w))
    echo $(( 100 * (i2 - i1) / (t2 - t1) ))
}
while [ "$SECONDS" -lt "$deadline" ]; do
    idle=$(idle_share)
    if [ "$idle" -ge "$threshold" ]; then
        echo "quiet: ${idle}% idle"
        exit 0
    fi
    echo "busy: ${idle}% idle, waiting" >&2
done
echo "still busy after ${limit}s" >&2
exit 1
