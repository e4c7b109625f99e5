package org.nettychat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nettychat.client.testserver.FakeChatServer;

/** The client over TLS, against a server whose certificate is made in the test. */
class TlsIT {

    private SelfSignedCertificate certificate;
    private FakeChatServer server;

    @BeforeEach
    void start() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        server = FakeChatServer.startTls(
                SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build());
    }

    @AfterEach
    void stop() {
        server.stop();
        certificate.delete();
    }

    private ChatClient.Builder client(ClientTls tls) {
        return ChatClient.builder().host("localhost").port(server.port()).name("alice")
                .reconnectPolicy(ReconnectPolicy.DISABLED).connectTimeout(Duration.ofSeconds(10)).tls(tls);
    }

    @Test
    void connect_whenServerCertificateTrusted_thenSessionWorks() throws Exception {
        ChatSession session = client(ClientTls.trusting(certificate.certificate().toPath())).build().connect()
                .get(20, TimeUnit.SECONDS);
        try {
            assertThat(session.say("lobby", "over tls").get(20, TimeUnit.SECONDS)).isPositive();
        } finally {
            session.close();
        }
    }

    @Test
    void connect_whenServerCertificateNotTrusted_thenFails() {
        assertThatThrownBy(() -> client(ClientTls.systemTrust()).build().connect().get(20, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                .hasMessageContaining("connection failed");
    }
}
