package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Ack;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Say;
import org.nettychat.protocol.Welcome;

/** The chat port over TLS, with a certificate made for the test. */
class TlsIT {

    private SelfSignedCertificate certificate;
    private RunningServer running;

    @BeforeEach
    void start() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        running = RunningServer.start("--tls-cert", certificate.certificate().getPath(),
                "--tls-key", certificate.privateKey().getPath());
    }

    @AfterEach
    void stop() {
        running.close();
        certificate.delete();
    }

    @Test
    void chat_overTls_thenWorksAsInClear() throws Exception {
        SslContext trusting = SslContextBuilder.forClient().trustManager(certificate.certificate()).build();
        TestClient alice = running.track(TestClient.connectTls(running.server().address(), trusting));
        alice.send(Hello.of("alice"));
        assertThat(alice.expect(Welcome.class).name()).isEqualTo("alice");
        alice.send(new Say("lobby", "secret", "s"));
        assertThat(alice.awaitMessage(Ack.class).ref()).isEqualTo("s");
    }

    @Test
    void chat_inClearOnTlsPort_thenClosed() throws Exception {
        TestClient plain = running.connect();
        plain.sendWithoutWaiting(Hello.of("eve"));
        assertThat(plain.awaitClosed()).isTrue();
    }

    @Test
    void chat_whenServerCertificateNotTrusted_thenNoSession() throws Exception {
        SelfSignedCertificate other = new SelfSignedCertificate("localhost");
        try {
            SslContext trustingOther = SslContextBuilder.forClient().trustManager(other.certificate()).build();
            TestClient client = running.track(TestClient.connectTls(running.server().address(), trustingOther));
            client.sendWithoutWaiting(Hello.of("alice"));
            assertThat(client.awaitClosed()).isTrue();
        } finally {
            other.delete();
        }
    }
}
