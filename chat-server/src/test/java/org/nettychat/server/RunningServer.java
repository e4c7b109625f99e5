package org.nettychat.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a server on free loopback ports with extra flags, for end-to-end tests. */
final class RunningServer {

    private RunningServer() {
    }

    static ChatServer start(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--admin-port", "0"));
        args.addAll(List.of(flags));
        return new ChatServer(ServerOptions.parse(args, Map.of())).start();
    }
}
