package org.nettychat.client.internal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.nettychat.client.ClientTls;

/** The TLS context of a session, built once, and the handler for each of its connections. */
final class ClientTlsContext {

    private final SslContext context;

    private ClientTlsContext(SslContext context) {
        this.context = context;
    }

    /**
     * @throws IllegalArgumentException when the trusted certificates cannot be read
     */
    static ClientTlsContext of(ClientTls tls) {
        SslContextBuilder builder = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2");
        if (tls.trustedCertificates() != null) {
            builder.trustManager(tls.trustedCertificates().toFile());
        }
        try {
            return new ClientTlsContext(builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use trusted certificates " + tls.trustedCertificates()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A handler that also checks the certificate names {@code host} (as HTTPS does). */
    SslHandler newHandler(Channel channel, String host, int port) {
        SslHandler handler = context.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }
}
