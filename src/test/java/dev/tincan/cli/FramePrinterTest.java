package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FramePrinterTest {
    /** "hi", ESC [2J (clear screen), BEL, CR, an invalid UTF-8 byte, then "é". */
    private static final Bytes NASTY = Bytes.of(new byte[] {'h', 'i', 0x1b, '[', '2', 'J', 0x07, '\r', (byte) 0xff,
        (byte) 0xc3, (byte) 0xa9});

    @Test
    void textEscapesEveryNonPrintableByte() {
        assertThat(FramePrinter.line(OutputFormat.TEXT, 1, NASTY, 0)).isEqualTo("hi\\x1b[2J\\x07\\r\\xffé");
    }

    @Test
    void hexIsLowerCaseTwoDigitsPerByte() {
        assertThat(FramePrinter.line(OutputFormat.HEX, 1, NASTY, 0)).isEqualTo("68691b5b324a070dffc3a9");
    }

    @Test
    void jsonHasNumberSizeTextHexAndMilliseconds() {
        assertThat(FramePrinter.line(OutputFormat.JSON, 3, NASTY, 420_000))
                .isEqualTo("{\"n\":3,\"bytes\":11,\"text\":\"hi\\u001b[2J\\u0007\\r\ufffdé\","
                        + "\"hex\":\"68691b5b324a070dffc3a9\",\"t_ms\":0.420}");
    }

    @Test
    void anEmptyFrameIsAnEmptyLine() {
        assertThat(FramePrinter.line(OutputFormat.TEXT, 1, Bytes.EMPTY, 0)).isEmpty();
        assertThat(FramePrinter.line(OutputFormat.HEX, 1, Bytes.EMPTY, 0)).isEmpty();
    }

    @Test
    void printsOneLinePerFrameAndFlushes() {
        StringWriter sink = new StringWriter();
        FramePrinter printer = new FramePrinter(OutputFormat.TEXT, new PrintWriter(sink, false));
        printer.print(1, Bytes.utf8("one\ntwo"), 0);
        assertThat(sink.toString()).isEqualTo("one\\ntwo" + System.lineSeparator());
    }
}
