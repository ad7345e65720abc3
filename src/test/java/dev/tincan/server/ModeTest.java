package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModeTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeParsesFromItsSpec(Mode mode) {
        assertThat(Mode.parse(mode.spec())).isSameAs(mode);
        assertThat(Mode.parse(mode.spec().toUpperCase())).isSameAs(mode);
        assertThat(mode.description()).isNotBlank();
    }

    @Test
    void specsAreLowerCaseAndHyphenated() {
        assertThat(Mode.values()).extracting(Mode::spec)
                .containsExactly("echo", "upper", "you-sent", "chat", "ticker", "flood");
        assertThat(Mode.parse(" You_Sent ")).isSameAs(Mode.YOU_SENT);
    }

    @Test
    void anUnknownModeIsOneSentenceListingTheValidModes() {
        assertThatThrownBy(() -> Mode.parse("shout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown mode \"shout\": use echo, upper, you-sent, chat, ticker or flood.");
        assertThatThrownBy(() -> Mode.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no mode given: use echo, upper, you-sent, chat, ticker or flood.");
    }
}
