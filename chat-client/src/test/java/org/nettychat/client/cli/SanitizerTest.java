package org.nettychat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SanitizerTest {

    static Stream<Arguments> escapeSequences() {
        return Stream.of(
                Arguments.of("colour (CSI SGR)", "\u001b[31mred\u001b[0m", "red"),
                Arguments.of("clear screen and home", "\u001b[2J\u001b[Hwiped", "wiped"),
                Arguments.of("private mode with ?", "\u001b[?1049hhidden", "hidden"),
                Arguments.of("window title (OSC, BEL)", "\u001b]0;pwned\u0007title", "title"),
                Arguments.of("hyperlink (OSC, ST)", "\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link"),
                Arguments.of("DCS string", "\u001bPq#0;2;0;0;0\u001b\\after", "after"),
                Arguments.of("two-character reset", "\u001bcreset", "reset"),
                Arguments.of("8-bit CSI", "\u009b31mred", "red"),
                Arguments.of("8-bit OSC up to 8-bit ST", "\u009d0;pwned\u009ctitle", "title"),
                Arguments.of("unterminated OSC", "before\u001b]0;swallows the rest", "before"),
                Arguments.of("lone ESC at the end", "end\u001b", "end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeSequences")
    void clean_whenEscapeSequence_thenRemovedWhole(String name, String hostile, String expected) {
        assertThat(Sanitizer.clean(hostile)).isEqualTo(expected);
    }

    @Test
    void clean_whenLineBreaksAndControls_thenShownInCaretNotation() {
        assertThat(Sanitizer.clean("one\ntwo\rthree\bfour\u0000\u007f\t"))
                .isEqualTo("one^Jtwo^Mthree^Hfour^@^?^I");
    }

    @Test
    void clean_whenBidiOverrideOrIsolate_thenShownAsCodePoints() {
        assertThat(Sanitizer.clean("a\u202eb\u2066c\u2069d\u202ae")).isEqualTo("a<U+202E>b<U+2066>c<U+2069>d<U+202A>e");
    }

    @Test
    void clean_whenOtherC1Control_thenShownAsCodePoint() {
        assertThat(Sanitizer.clean("next\u0085line")).isEqualTo("next<U+0085>line");
    }

    @Test
    void clean_whenOrdinaryTextInAnyScript_thenUnchanged() {
        String text = "héllo мир 你好 👋 a-b_c.d [brackets] ^caret";
        assertThat(Sanitizer.clean(text)).isEqualTo(text);
    }

    @Test
    void clean_whenResultPrinted_thenHasNoControlOrBidiCharacterLeft() {
        String hostile = "\u001b\u001b[31m\u009b\u001b]\u0007\u0090x\u009c\u001b[\u0000m\u202e\u0085\u001b";
        assertThat(Sanitizer.clean(hostile).chars())
                .noneMatch(c -> c < 0x20 || c >= 0x7f && c < 0xa0 || c >= 0x202a && c <= 0x202e
                        || c >= 0x2066 && c <= 0x2069);
    }
}
