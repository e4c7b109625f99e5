package org.nettychat.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nettychat.protocol.Names;
import org.nettychat.server.auth.PasswordHash;

/**
 * {@code chat-server hash-password NAME}: reads a password (without echo at a terminal, else one line of standard
 * input) and prints the users-file line for NAME. The password never appears on the command line.
 */
final class HashPasswordCommand {

    private HashPasswordCommand() {
    }

    static int run(List<String> args, Console console, InputStream in, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("usage: chat-server hash-password NAME   (the password is read from the terminal or stdin)");
            return Main.EXIT_USAGE;
        }
        String name = args.get(0);
        String problem = Names.userNameProblem(name).orElse(null);
        if (problem != null) {
            err.println("chat-server: bad name: " + problem);
            return Main.EXIT_USAGE;
        }
        char[] password;
        try {
            password = console != null ? console.readPassword("password for %s: ", name) : readLine(in);
        } catch (IOException e) {
            err.println("chat-server: cannot read the password: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (password == null || password.length == 0) {
            err.println("chat-server: empty password");
            return Main.EXIT_USAGE;
        }
        out.println(name + ":" + PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS).encode());
        java.util.Arrays.fill(password, '\0');
        return 0;
    }

    private static char[] readLine(InputStream in) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
