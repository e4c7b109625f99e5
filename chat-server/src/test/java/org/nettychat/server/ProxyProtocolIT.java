package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Welcome;

/** A trusted load balancer names the real client in a PROXY header; limits count the real client. */
class ProxyProtocolIT {

    private RunningServer running;

    @AfterEach
    void stop() {
        running.close();
    }

    private TestClient viaProxy(byte[] header, String name) throws InterruptedException {
        TestClient client = running.connect();
        client.sendRaw(header);
        // The server may refuse the connection before the hello arrives.
        client.sendWithoutWaiting(Hello.of(name));
        return client;
    }

    private static byte[] v1(String clientIp) {
        return ("PROXY TCP4 " + clientIp + " 127.0.0.1 40000 7070\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] v2(String clientIp) {
        EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        encoder.writeOutbound(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                HAProxyProxiedProtocol.TCP4, clientIp, "127.0.0.1", 40000, 7070));
        ByteBuf encoded = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            encoder.finishAndReleaseAll();
        }
    }

    @Test
    void proxyHeader_fromTrustedAddress_thenLimitsCountTheRealClient() throws Exception {
        running = RunningServer.start("--proxy-protocol-from", "127.0.0.0/8", "--max-connections-per-ip", "1");
        TestClient first = viaProxy(v1("203.0.113.7"), "alice");
        assertThat(first.expect(Welcome.class).name()).isEqualTo("alice");
        TestClient sameClient = viaProxy(v2("203.0.113.7"), "bob");
        sameClient.expectError("server-full");
        assertThat(sameClient.awaitClosed()).isTrue();
        TestClient otherClient = viaProxy(v2("198.51.100.23"), "carol");
        assertThat(otherClient.expect(Welcome.class).name()).isEqualTo("carol");
    }

    @Test
    void proxyHeader_fromUntrustedAddress_thenItIsGarbage() throws Exception {
        running = RunningServer.start();
        TestClient client = viaProxy(v1("203.0.113.7"), "mallory");
        client.expectError("bad-header");
        assertThat(client.awaitClosed()).isTrue();
    }

    @Test
    void proxyHeader_whenMalformedFromTrustedAddress_thenClosed() throws Exception {
        running = RunningServer.start("--proxy-protocol-from", "127.0.0.1");
        TestClient client = running.connect();
        client.sendRaw("PROXY NONSENSE\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(client.awaitClosed()).isTrue();
    }
}
