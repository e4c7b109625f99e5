package org.nettychat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Jürgen", "bob_2", "x", "a.b-c", "Влад", "山田", "9lives", "abcdefghijklmnopqrstuvwxyz012345"})
    void userNameProblem_whenValid_thenNone(String name) {
        assertThat(Names.userNameProblem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " alice", "alice bob", "_alice", "al\u0007ice", "al\u202eice", "pаypal",
        "abcdefghijklmnopqrstuvwxyz0123456", "👋", "a\u200bb", "Ju\u0308rgen", "al:ce", "\u001b[31mred"})
    void userNameProblem_whenInvalid_thenExplains(String name) {
        assertThat(Names.userNameProblem(name)).isPresent();
    }

    @Test
    void userKey_whenNamesDifferOnlyInCaseOrWidth_thenSameKey() {
        assertThat(Names.userKey("Alice")).isEqualTo(Names.userKey("aLICE"));
        assertThat(Names.userKey("ＡＬＩＣＥ")).isEqualTo(Names.userKey("alice"));
    }

    @Test
    void roomProblem_whenCanonicalised_thenAcceptsMixedCaseInput() {
        assertThat(Names.roomProblem(Names.canonicalRoom("Dev-Team_1"))).isEmpty();
        assertThat(Names.roomProblem("-dev")).isPresent();
        assertThat(Names.roomProblem("dev team")).isPresent();
        assertThat(Names.roomProblem("x".repeat(33))).isPresent();
        assertThat(Names.roomProblem("")).isPresent();
    }
}
