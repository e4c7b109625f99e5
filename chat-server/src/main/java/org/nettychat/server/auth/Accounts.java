package org.nettychat.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nettychat.protocol.Names;

/**
 * The accounts of a users file: names that need a password. Each line is {@code NAME:pbkdf2-sha256:...} as printed by
 * {@code chat-server hash-password NAME}; blank lines and lines starting with {@code #} are ignored. Names not listed
 * are first come, first served.
 */
public final class Accounts {

    private final Map<String, PasswordHash> byUserKey;

    private Accounts(Map<String, PasswordHash> byUserKey) {
        this.byUserKey = Map.copyOf(byUserKey);
    }

    /** No accounts: every name is first come, first served. */
    public static Accounts none() {
        return new Accounts(Map.of());
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem
     */
    public static Accounts load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("users-file: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, PasswordHash> accounts = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "users-file: " + file + " line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            Optional<String> problem = Names.userNameProblem(name);
            if (colon < 0 || problem.isPresent()) {
                throw new IllegalArgumentException(where + problem.orElse("expected NAME:" + PasswordHash.SCHEME
                        + ":ITERATIONS:SALT:HASH"));
            }
            try {
                if (accounts.put(Names.userKey(name), PasswordHash.decode(line.substring(colon + 1))) != null) {
                    throw new IllegalArgumentException("name " + name + " is listed twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        return new Accounts(accounts);
    }

    /** The password hash for {@code name}, when the name has an account. */
    public Optional<PasswordHash> find(String name) {
        return Optional.ofNullable(byUserKey.get(Names.userKey(name)));
    }

    /** How many accounts there are. */
    public int size() {
        return byUserKey.size();
    }
}
