package dev.tincan.session.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import org.junit.jupiter.api.Test;

/** The five kinds of match on bytes alone, and the patterns they refuse. */
class MatchTest {
    private static Match.Groups match(Match m, byte... frame) {
        return m.compile().match(Bytes.of(frame));
    }

    @Test
    void aHexPatternWithoutAStarMatchesFramesOfItsLengthOnly() {
        Match m = new Match(Match.Kind.HEX, "02 ?? ?? 03", false);
        assertThat(match(m, (byte) 2, (byte) 0xff, (byte) 0, (byte) 3)).isNotNull()
                .satisfies(g -> assertThat(g.group(1)).isEqualTo(Bytes.of(new byte[] {(byte) 0xff})));
        assertThat(match(m, (byte) 2, (byte) 1, (byte) 3)).isNull();
        assertThat(match(m, (byte) 2, (byte) 1, (byte) 2, (byte) 3, (byte) 3)).isNull();
    }

    @Test
    void aStarTakesAnyRunOfBytesIncludingNone() {
        Match m = new Match(Match.Kind.HEX, "7e * 7e", false);
        assertThat(match(m, (byte) 0x7e, (byte) 0x7e).group(1)).isEqualTo(Bytes.EMPTY);
        assertThat(match(m, (byte) 0x7e, (byte) '\n', (byte) 0, (byte) 0x7e).group(1))
                .isEqualTo(Bytes.of(new byte[] {'\n', 0}));
        assertThat(match(m, (byte) 0x7e, (byte) 1)).isNull();
    }

    @Test
    void bytewiseKindsCompareBytesNotText() {
        assertThat(match(new Match(Match.Kind.CONTAINS, "ff 00", true), (byte) 1, (byte) 0xff, (byte) 0)).isNotNull();
        assertThat(match(new Match(Match.Kind.PREFIX, "\\xff", false), (byte) 0xff, (byte) 1)).isNotNull();
        assertThat(match(new Match(Match.Kind.EXACT, "\\xff", false), (byte) 0xff, (byte) 1)).isNull();
    }

    @Test
    void patternsThatWouldMatchEverythingOrCannotBeReadAreRefused() {
        assertThatThrownBy(() -> Match.text(Match.Kind.CONTAINS, "")).hasMessage("the contains pattern is empty: it "
                + "would match every frame; use regex . for that.");
        assertThatThrownBy(() -> new Match(Match.Kind.HEX, "02 zz", false)).hasMessage("the hex pattern \"02 zz\" "
                + "has \"zz\" at character 4: write two hex digits per byte, ?? for any byte, * for any run of bytes.");
        assertThatThrownBy(() -> Match.text(Match.Kind.PREFIX, "a\\q")).hasMessageStartingWith("the prefix pattern "
                + "\"a\\q\" cannot be read: ");
    }
}
