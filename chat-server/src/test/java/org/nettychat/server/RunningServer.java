package org.nettychat.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server on free loopback ports plus the test clients connected to it, all closed by {@link #close()}: the fixture
 * of the end-to-end tests.
 */
final class RunningServer implements AutoCloseable {

    private final ChatServer server;
    private final List<TestClient> clients = new ArrayList<>();

    private RunningServer(ChatServer server) {
        this.server = server;
    }

    /** Starts a server with the defaults plus {@code flags}. */
    static RunningServer start(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--admin-port", "0"));
        args.addAll(List.of(flags));
        return new RunningServer(new ChatServer(ServerOptions.parse(args, Map.of())).start());
    }

    ChatServer server() {
        return server;
    }

    /** A connected client that has not logged in yet. */
    TestClient connect() throws InterruptedException {
        return track(TestClient.connect(server.address()));
    }

    /** A logged-in client, past its welcome and the lobby's join notice and history. */
    TestClient login(String name) throws InterruptedException {
        return track(TestClient.login(server.address(), name));
    }

    /** Keeps {@code client} to close it with the server. */
    TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
        server.stop();
    }
}
