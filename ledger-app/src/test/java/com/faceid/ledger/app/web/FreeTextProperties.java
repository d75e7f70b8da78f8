package com.faceid.ledger.app.web;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Free text (adjustment reasons, who agreed a price) is one line of visible text: whatever else it holds, one
 * character that reorders or breaks what a reader sees, or nothing visible at all, refuses it (docs/api.md).
 */
class FreeTextProperties {
    /** Code points that may never appear in free text. */
    static final List<Integer> REFUSED = List.of(0x0000, 0x000A, 0x000D, 0x007F, 0x0085, 0x2028, 0x2029, 0x061C,
            0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069);
    /** Code points that show nothing by themselves. */
    static final List<Integer> INVISIBLE = List.of(0x0020, 0x00A0, 0x2002, 0x3000, 0x200B, 0x200C, 0x200D, 0x2060,
            0xFEFF, 0x00AD, 0x3164, 0x115F, 0xFFA0, 0x2800);

    @Provide
    Arbitrary<String> visibleText() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars(" .,-¥退款测试")
                .ofMinLength(1).ofMaxLength(60).filter(t -> !t.isBlank());
    }

    @Property
    void aRefusedCharacterAnywhereRefusesTheText(@ForAll("visibleText") String text,
                                                  @ForAll @IntRange(min = 0, max = 18) int which,
                                                  @ForAll @IntRange(min = 0, max = 60) int at) {
        int cut = Math.min(at, text.length());
        String withIt = text.substring(0, cut) + Character.toString(REFUSED.get(which)) + text.substring(cut);
        assertThatThrownBy(() -> Requests.text("reason", withIt, 1000)).isInstanceOf(ApiException.class);
    }

    @Property
    void textWithNothingVisibleIsRefused(@ForAll @StringLength(min = 1, max = 20) String seed) {
        StringBuilder b = new StringBuilder();
        seed.chars().forEach(c -> b.appendCodePoint(INVISIBLE.get(Math.floorMod(c, INVISIBLE.size()))));
        assertThatThrownBy(() -> Requests.text("reason", b.toString(), 1000)).isInstanceOf(ApiException.class);
    }

    @Property
    void visibleTextIsKeptAsGiven(@ForAll("visibleText") String text) {
        assertThat(Requests.text("reason", text, 1000)).isEqualTo(text);
    }

    @Example
    void joinersInsideVisibleTextAreKept() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 refund"; // emoji joined by U+200D
        assertThat(Requests.text("reason", family, 1000)).isEqualTo(family);
        assertThat(Requests.text("reason", "می\u200Cخواهم", 1000)).isEqualTo("می\u200Cخواهم"); // ZWNJ in Persian
    }

    @Example
    void anUnpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> Requests.text("reason", "a\uD800b", 1000)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Requests.text("reason", "a\uDC00", 1000)).isInstanceOf(ApiException.class);
    }
}
