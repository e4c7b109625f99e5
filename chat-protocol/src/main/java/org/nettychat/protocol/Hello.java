package org.nettychat.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * First message of every connection: logs in as {@code name}.
 *
 * @param name     the user name to take (the server checks it against the naming rules)
 * @param password the account password, only for names listed in the server's users file; may be null
 * @param resume   rooms to rejoin, each with the id of the last message already seen there (0 for none), in the order
 *                 to rejoin them; the server sends what came after. Null or empty means "join the default room".
 * @param epoch    the {@link Welcome#epoch()} the resume ids come from; when the server's epoch differs, the ids mean
 *                 nothing there and the server sends each resumed room's whole kept history. May be null.
 */
@JsonTypeName("hello")
public record Hello(String name, String password, Map<String, Long> resume, String epoch)
        implements ClientMessage {

    public Hello {
        Checks.required(name, "name");
        Checks.maxLength(password, "password", ChatProtocol.MAX_PASSWORD_LENGTH);
        Checks.maxLength(epoch, "epoch", ChatProtocol.MAX_REF_LENGTH);
        if (resume != null) {
            if (resume.size() > ChatProtocol.MAX_RESUME_ROOMS) {
                throw new IllegalArgumentException(
                        "resume rooms: " + resume.size() + " (expected: <= " + ChatProtocol.MAX_RESUME_ROOMS + ")");
            }
            resume.forEach((room, lastSeen) -> {
                Checks.room(room, "resume room");
                if (lastSeen == null || lastSeen < 0) {
                    throw new IllegalArgumentException("resume id for " + room + ": " + lastSeen + " (expected: >= 0)");
                }
            });
            resume = Collections.unmodifiableMap(new LinkedHashMap<>(resume));
        }
    }

    /** A plain login with no password and no rooms to resume. */
    public static Hello of(String name) {
        return new Hello(name, null, null, null);
    }
}
