package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import org.junit.jupiter.api.Test;

class PairerTest {
    private static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void nextFrameAnswersSendsInTheOrderTheyWereSent() {
        Pairer p = new Pairer(Pairing.NEXT);
        p.sent(1, b("a"), 100);
        p.sent(2, b("b"), 200);

        assertThat(p.received(b("A"), 300)).isEqualTo(new Pairer.Pair(1, 200));
        assertThat(p.received(b("B"), 450)).isEqualTo(new Pairer.Pair(2, 250));
        assertThat(p.received(b("pushed"), 500)).isNull();
    }

    @Test
    void aFrameBeforeAnySendPairsWithNothing() {
        Pairer p = new Pairer(Pairing.NEXT);
        assertThat(p.received(b("hello"), 10)).isNull();
        p.sent(1, b("x"), 20);
        assertThat(p.received(b("y"), 30)).isEqualTo(new Pairer.Pair(1, 10));
    }

    @Test
    void echoPairsOnlyTheSameBytesWhateverArrivesBetween() {
        Pairer p = new Pairer(Pairing.ECHO);
        p.sent(1, b("ping"), 100);
        assertThat(p.received(b("flood"), 110)).isNull();
        assertThat(p.received(b("flood"), 120)).isNull();
        assertThat(p.received(b("ping"), 400)).isEqualTo(new Pairer.Pair(1, 300));
        assertThat(p.received(b("ping"), 500)).as("each send is answered once").isNull();
    }

    @Test
    void echoAnswersTheOldestOfEqualSends() {
        Pairer p = new Pairer(Pairing.ECHO);
        p.sent(1, b("x"), 100);
        p.sent(2, b("x"), 200);
        assertThat(p.received(b("x"), 300).sendId()).isEqualTo(1);
        assertThat(p.received(b("x"), 300).sendId()).isEqualTo(2);
    }

    @Test
    void aCorrelationPatternPairsRequestAndReplyByTheirCapturedId() {
        Pairer p = new Pairer(Pairing.parse("match:id=(\\d+)"));
        p.sent(1, b("GET id=7"), 100);
        p.sent(2, b("GET id=8"), 110);
        p.sent(3, b("no id here"), 120);

        assertThat(p.received(b("OK id=8 data"), 200)).isEqualTo(new Pairer.Pair(2, 90));
        assertThat(p.received(b("event without id"), 210)).isNull();
        assertThat(p.received(b("OK id=7"), 300)).isEqualTo(new Pairer.Pair(1, 200));
        assertThat(p.waiting()).as("a send without an id is never waited on").isZero();
    }

    @Test
    void resetMeansNothingPairsAcrossConnections() {
        Pairer p = new Pairer(Pairing.NEXT);
        p.sent(1, b("x"), 100);
        p.reset();
        assertThat(p.received(b("y"), 200)).isNull();
    }

    @Test
    void aRoundTripIsNeverNegative() {
        Pairer p = new Pairer(Pairing.NEXT);
        p.sent(1, b("x"), 500);
        assertThat(p.received(b("y"), 400)).isNull();
    }

    @Test
    void unansweredSendsAreBoundedAndTheForgottenCounted() {
        Pairer p = new Pairer(Pairing.ECHO);
        for (int i = 0; i < Pairer.MAX_WAITING + 10; i++) {
            p.sent(i, b("m" + i), i);
        }
        assertThat(p.waiting()).isEqualTo(Pairer.MAX_WAITING);
        assertThat(p.forgotten()).isEqualTo(10);
        assertThat(p.received(b("m0"), 100_000)).as("the oldest were forgotten").isNull();
        assertThat(p.received(b("m10"), 100_000).sendId()).isEqualTo(10);
    }

    @Test
    void anOldUnansweredSendStillPairsAfterManyOthersWereAnswered() {
        Pairer p = new Pairer(Pairing.ECHO);
        p.sent(0, b("never answered"), 0);
        for (int i = 1; i <= 100_000; i++) {
            p.sent(i, b("m"), i);
            assertThat(p.received(b("m"), i + 1)).isNotNull();
        }
        assertThat(p.waiting()).isEqualTo(1);
        assertThat(p.received(b("never answered"), 200_000).sendId()).isZero();
    }

    @Test
    void specsParseAndPrintBack() {
        assertThat(Pairing.parse("next")).isEqualTo(Pairing.NEXT);
        assertThat(Pairing.parse(" ECHO ")).isEqualTo(Pairing.ECHO);
        assertThat(Pairing.parse("match:id=(\\d+)").spec()).isEqualTo("match:id=(\\d+)");
        assertThat(Pairing.parse(Pairing.parse("match:(x)").spec())).isEqualTo(Pairing.parse("match:(x)"));
    }

    @Test
    void badSpecsAreRefusedWithASentence() {
        assertThatThrownBy(() -> Pairing.parse("first"))
                .hasMessage("unknown pairing \"first\": use " + Pairing.VALID_FORMS + ".");
        assertThatThrownBy(() -> Pairing.parse("match:id=\\d+"))
                .hasMessageStartingWith("the pairing pattern id=\\d+ has no capture group");
        assertThatThrownBy(() -> Pairing.parse("match:(unclosed"))
                .hasMessageStartingWith("the pairing pattern (unclosed is not a valid pattern");
    }
}
