package org.nettychat.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, as stored in a users file: {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}
 * with salt and hash in Base64. Only the JDK's own cryptography is used.
 *
 * @param iterations PBKDF2 rounds
 * @param salt       random salt
 * @param hash       the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    /** The scheme name at the start of an encoded hash. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Rounds for new hashes (OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public PasswordHash {
        if (iterations < 1_000 || iterations > 10_000_000) {
            throw new IllegalArgumentException("iterations: " + iterations + " (expected: 1000..10000000)");
        }
        if (salt.length < 8 || hash.length != HASH_BITS / 8) {
            throw new IllegalArgumentException("salt of at least 8 bytes and a 32-byte hash expected");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes {@code password} with a new random salt. */
    public static PasswordHash create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Whether {@code password} matches, compared in constant time. Costs as much CPU as hashing does. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** The stored form. */
    public String encode() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /**
     * Parses the stored form.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static PasswordHash decode(String encoded) {
        String[] parts = encoded.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("expected " + SCHEME + ":ITERATIONS:SALT:HASH");
        }
        try {
            return new PasswordHash(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations is not a number: " + parts[1]);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && MessageDigest.isEqual(salt, that.salt) && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return iterations * 31 + java.util.Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PasswordHash(" + SCHEME + ", " + iterations + " iterations)";
    }
}
