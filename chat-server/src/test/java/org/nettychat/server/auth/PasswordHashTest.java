package org.nettychat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void matches_onlyTheRightPassword() {
        PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), 1_000);
        assertThat(hash.matches("correct horse".toCharArray())).isTrue();
        assertThat(hash.matches("correct hors".toCharArray())).isFalse();
        assertThat(hash.matches("".toCharArray())).isFalse();
    }

    @Test
    void encode_thenDecode_givesTheSameHash() {
        // Not base64: a random salt or hash can never spell it by chance.
        PasswordHash hash = PasswordHash.create("pass word!".toCharArray(), 1_000);
        String encoded = hash.encode();
        assertThat(encoded).startsWith("pbkdf2-sha256:1000:").doesNotContain("pass word!");
        assertThat(PasswordHash.decode(encoded)).isEqualTo(hash);
    }

    @Test
    void create_saltsEveryHash() {
        assertThat(PasswordHash.create("same".toCharArray(), 1_000).encode())
                .isNotEqualTo(PasswordHash.create("same".toCharArray(), 1_000).encode());
    }

    @Test
    void decode_whenMalformed_thenSaysWhatIsExpected() {
        assertThatThrownBy(() -> PasswordHash.decode("plain:text")).hasMessageContaining("expected pbkdf2-sha256:");
        assertThatThrownBy(() -> PasswordHash.decode("pbkdf2-sha256:many:AAAA:BBBB"))
                .hasMessageContaining("iterations is not a number");
    }
}
