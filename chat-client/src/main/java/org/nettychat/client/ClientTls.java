package org.nettychat.client;

import java.nio.file.Path;

/**
 * TLS for a client's connection. The server's certificate is checked against the given PEM file of trusted
 * certificates, or the JVM's default trust store, and must name the host the client connects to.
 *
 * @param trustedCertificates PEM file of certificates to trust, or null for the JVM's default trust store
 */
public record ClientTls(Path trustedCertificates) {

    /** TLS, trusting what the JVM's default trust store trusts. */
    public static ClientTls systemTrust() {
        return new ClientTls(null);
    }

    /** TLS, trusting the certificates in a PEM file (a private CA, or a server's self-signed certificate). */
    public static ClientTls trusting(Path pemFile) {
        return new ClientTls(java.util.Objects.requireNonNull(pemFile, "pemFile"));
    }
}
