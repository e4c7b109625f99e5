package org.nettychat.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import javax.net.ssl.SSLException;

/** Builds the chat port's TLS context from PEM files, once at start. */
final class ServerTls {

    /** Only current protocol versions. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /**
     * @throws IllegalArgumentException naming the files when they cannot be read or do not match
     */
    static SslContext context(String certChain, String privateKey) {
        try {
            return SslContextBuilder.forServer(new File(certChain), new File(privateKey)).protocols(PROTOCOLS).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls-cert/tls-key: cannot use " + certChain + " and " + privateKey
                    + ": " + e.getMessage(), e);
        }
    }
}
