package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Framing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mode answers as it says, in several framings, over real loopback sockets. */
class CompanionServerModesTest {
    private CompanionServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private CompanionServer start(Mode mode, String framing) throws IOException {
        return start(ServerConfig.builder().port(0).mode(mode).framing(Framing.parse(framing)).build());
    }

    private CompanionServer start(ServerConfig config) throws IOException {
        server = new CompanionServer(config).start();
        return server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "crlf", "nul", "len8", "len16", "len32le", "len64", "delim:7c7c"})
    void echoSendsEachFrameBack(String framing) throws IOException {
        start(Mode.ECHO, framing);
        try (TestClient client = TestClient.connect(server)) {
            client.send("hello");
            client.send("wörld");
            assertThat(client.receiveText()).isEqualTo("hello");
            assertThat(client.receiveText()).isEqualTo("wörld");
        }
    }

    @Test
    void echoAnswersPipelinedFramesInOrder() throws IOException {
        start(Mode.ECHO, "len32le");
        try (TestClient client = TestClient.connect(server)) {
            for (int i = 0; i < 5000; i++) {
                client.send("message " + i);
            }
            for (int i = 0; i < 5000; i++) {
                assertThat(client.receiveText()).isEqualTo("message " + i);
            }
        }
    }

    @Test
    void echoSendsAOneMebibyteFrameBackWhole() throws IOException {
        start(Mode.ECHO, "len32");
        byte[] big = new byte[1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (TestClient client = TestClient.connect(server)) {
            client.send(big);
            client.send(big);
            assertThat(client.receive()).isEqualTo(big);
            assertThat(client.receive()).isEqualTo(big);
        }
    }

    @Test
    void echoWithFixedFramingSendsEveryBlockBack() throws IOException {
        start(Mode.ECHO, "fixed:4");
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("ABCDEFGH".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.receiveText()).isEqualTo("ABCD");
            assertThat(client.receiveText()).isEqualTo("EFGH");
        }
    }

    @Test
    void echoWithRawFramingSendsEachReadBack() throws IOException {
        start(Mode.ECHO, "raw");
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("hello\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.receiveBytes(6), StandardCharsets.US_ASCII)).isEqualTo("hello\n");
        }
    }

    @Test
    void echoOfAnEmptyLineIsAnEmptyLine() throws IOException {
        start(Mode.ECHO, "line");
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("\r\n\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.receive()).isEmpty();
            assertThat(client.receive()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "nul", "len32le", "len8", "crlf"})
    void upperAnswersHelloAndTheTextUpperCased(String framing) throws IOException {
        start(Mode.UPPER, framing);
        try (TestClient client = TestClient.connect(server)) {
            client.send("zack");
            client.send("world! é");
            assertThat(client.receiveText()).isEqualTo("Hello ZACK");
            assertThat(client.receiveText()).isEqualTo("Hello WORLD! É");
        }
    }

    @Test
    void upperWithRawFramingAnswersEachRead() throws IOException {
        start(Mode.UPPER, "raw");
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("python\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.receiveBytes(13), StandardCharsets.US_ASCII)).isEqualTo("Hello PYTHON\n");
        }
    }

    @Test
    void upperWithFixedFramingFitsTheAnswerToTheFrameSize() throws IOException {
        start(Mode.UPPER, "fixed:16");
        try (TestClient client = TestClient.connect(server)) {
            client.send("abcdefghij      ");
            assertThat(client.receiveText()).isEqualTo("Hello ABCDEFGHIJ");
        }
        server.close();
        start(Mode.UPPER, "fixed:8");
        try (TestClient client = TestClient.connect(server)) {
            client.send("abcdefgh");
            client.send("xy      ");
            assertThat(client.receiveText()).isEqualTo("Hello AB");
            assertThat(client.receiveText()).isEqualTo("Hello XY");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "nul", "len16", "len32le", "crlf"})
    void youSentAnswersYouSentMeAndTheFrame(String framing) throws IOException {
        start(Mode.YOU_SENT, framing);
        try (TestClient client = TestClient.connect(server)) {
            client.send("hi there");
            assertThat(client.receiveText()).isEqualTo("You sent me: hi there");
        }
    }

    @Test
    void youSentWithRawFramingAnswersEachRead() throws IOException {
        start(Mode.YOU_SENT, "raw");
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.receiveBytes(16), StandardCharsets.US_ASCII)).isEqualTo("You sent me: abc");
        }
    }

    @Test
    void youSentWithALen8PrefixCutsTheAnswerTo255Bytes() throws IOException {
        start(Mode.YOU_SENT, "len8");
        byte[] payload = new byte[250];
        Arrays.fill(payload, (byte) 'x');
        try (TestClient client = TestClient.connect(server)) {
            client.send(payload);
            String answer = client.receiveText();
            assertThat(answer).hasSize(255).startsWith("You sent me: xxx");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len16", "fixed:8"})
    void tickerSendsNumberedTicksUnaskedAndEchoesInBetween(String framing) throws IOException {
        start(ServerConfig.builder().port(0).mode(Mode.TICKER).framing(Framing.parse(framing))
                .tickInterval(Duration.ofMillis(20)).build());
        try (TestClient client = TestClient.connect(server)) {
            assertThat(client.receiveText().strip()).isEqualTo("tick 1");
            assertThat(client.receiveText().strip()).isEqualTo("tick 2");
            assertThat(client.receiveText().strip()).isEqualTo("tick 3");
            client.send(framing.startsWith("fixed") ? "ping    " : "ping");
            int next = 4;
            while (true) {
                String frame = client.receiveText().strip();
                if (frame.equals("ping")) {
                    break;
                }
                assertThat(frame).isEqualTo("tick " + next++);
            }
            assertThat(client.receiveText().strip()).isEqualTo("tick " + next);
        }
    }

    @Test
    void tickerCountsEachClientFromOne() throws IOException {
        start(ServerConfig.builder().port(0).mode(Mode.TICKER).tickInterval(Duration.ofMillis(10)).build());
        try (TestClient first = TestClient.connect(server)) {
            assertThat(first.receiveText()).isEqualTo("tick 1");
            assertThat(first.receiveText()).isEqualTo("tick 2");
            try (TestClient second = TestClient.connect(server)) {
                assertThat(second.receiveText()).isEqualTo("tick 1");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "nul", "len32le", "len8", "fixed:16", "crlf"})
    void floodDeliversExactlyFloodCountNumberedFramesInOrderThenEchoes(String framing) throws IOException {
        start(ServerConfig.builder().port(0).mode(Mode.FLOOD).framing(Framing.parse(framing))
                .floodCount(20_000).floodSize(32).build());
        int size = framing.startsWith("fixed") ? 16 : 32;
        try (TestClient client = TestClient.connect(server)) {
            for (long i = 1; i <= 20_000; i++) {
                assertThat(client.receive()).isEqualTo(FloodFrames.payload(i, size));
            }
            String after = framing.startsWith("fixed") ? "after the flood!" : "after the flood";
            client.send(after);
            assertThat(client.receiveText()).isEqualTo(after);
        }
    }

    @Test
    void aPacedFloodKeepsToItsRateAndStillDeliversEveryFrameInOrder() throws IOException {
        // 300 frames at 1000 frames/s cannot all be out in less than about 0.3 s.
        start(ServerConfig.builder().port(0).mode(Mode.FLOOD).floodCount(300).floodSize(16)
                .floodRate(1000).build());
        long start = System.nanoTime();
        try (TestClient client = TestClient.connect(server)) {
            for (long i = 1; i <= 300; i++) {
                assertThat(client.receive()).isEqualTo(FloodFrames.payload(i, 16));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("a flood paced at 1000 frames/s took %d ms for 300 frames", millis)
                .isGreaterThanOrEqualTo(290);
    }

    @Test
    void aNegativeFloodRateIsRefusedWithASentence() {
        assertThatThrownBy(() -> ServerConfig.builder().floodRate(-1).build())
                .hasMessage("flood rate -1 is negative: use frames per second, or 0 for as fast as the client takes "
                        + "them.");
    }

    @Test
    void floodFramesCarryTheirNumberPaddedWithDots() {
        assertThat(new String(FloodFrames.payload(42, 8), StandardCharsets.US_ASCII)).isEqualTo("42......");
        assertThat(new String(FloodFrames.payload(12345678, 8), StandardCharsets.US_ASCII)).isEqualTo("12345678");
        assertThat(new String(FloodFrames.payload(123456789, 8), StandardCharsets.US_ASCII)).isEqualTo("23456789");
    }

    @Test
    void floodWithRawFramingSendsThePayloadsBackToBack() throws IOException {
        start(ServerConfig.builder().port(0).mode(Mode.FLOOD).framing(Framing.parse("raw"))
                .floodCount(3).floodSize(4).build());
        try (TestClient client = TestClient.connect(server)) {
            assertThat(new String(client.receiveBytes(12), StandardCharsets.US_ASCII)).isEqualTo("1...2...3...");
        }
    }

    @Test
    void tickerSendsTheEchoOwedBeforeClosingWhenTheClientStopsSending() throws IOException {
        start(Mode.TICKER, "line");
        try (TestClient client = TestClient.connect(server)) {
            client.send("last words");
            client.shutdownOutput();
            String frame;
            do {
                frame = client.receiveText();
            } while (frame.startsWith("tick"));
            assertThat(frame).isEqualTo("last words");
            client.assertClosedByServer();
        }
    }
}
