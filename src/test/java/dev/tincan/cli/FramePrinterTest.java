package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.Pairer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FramePrinterTest {
    /** "hi", ESC [2J (clear screen), BEL, CR, an invalid UTF-8 byte, then "é". */
    private static final Bytes NASTY = Bytes.of(new byte[] {'h', 'i', 0x1b, '[', '2', 'J', 0x07, '\r', (byte) 0xff,
        (byte) 0xc3, (byte) 0xa9});

    @Test
    void textEscapesEveryNonPrintableByte() {
        assertThat(FramePrinter.line(OutputFormat.TEXT, 1, NASTY, null)).isEqualTo("hi\\x1b[2J\\x07\\r\\xffé");
    }

    @Test
    void hexIsLowerCaseTwoDigitsPerByte() {
        assertThat(FramePrinter.line(OutputFormat.HEX, 1, NASTY, null)).isEqualTo("68691b5b324a070dffc3a9");
    }

    @Test
    void jsonHasNumberSizeTextHexAndTheMessageItAnswersWithTheRoundTrip() {
        assertThat(FramePrinter.line(OutputFormat.JSON, 3, NASTY, new Pairer.Pair(2, 420_000)))
                .isEqualTo("{\"n\":3,\"bytes\":11,\"text\":\"hi\\u001b[2J\\u0007\\r\ufffdé\","
                        + "\"hex\":\"68691b5b324a070dffc3a9\",\"answers\":2,\"rtt_ms\":0.420}");
    }

    @Test
    void aFramePairedWithNothingHasNoRoundTrip() {
        assertThat(FramePrinter.line(OutputFormat.JSON, 1, Bytes.utf8("tick"), null))
                .isEqualTo("{\"n\":1,\"bytes\":4,\"text\":\"tick\",\"hex\":\"7469636b\"}");
    }

    @Test
    void anEmptyFrameIsAnEmptyLine() {
        assertThat(FramePrinter.line(OutputFormat.TEXT, 1, Bytes.EMPTY, null)).isEmpty();
        assertThat(FramePrinter.line(OutputFormat.HEX, 1, Bytes.EMPTY, null)).isEmpty();
    }

    @Test
    void printsOneLinePerFrameAndFlushes() {
        StringWriter sink = new StringWriter();
        FramePrinter printer = new FramePrinter(OutputFormat.TEXT, new PrintWriter(sink, false));
        printer.print(1, Bytes.utf8("one\ntwo"), null);
        assertThat(sink.toString()).isEqualTo("one\\ntwo" + System.lineSeparator());
    }
}
