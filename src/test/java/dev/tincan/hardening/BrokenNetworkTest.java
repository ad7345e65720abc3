package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ClientReply.By;
import dev.tincan.client.Failure;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.FaultProxy.Direction;
import dev.tincan.testing.Toxic;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Networks that break: a reset, a close or a silence in the middle of the fourth frame,
 * and a close passed on late, each way. The client delivers exactly the frames that came
 * whole, in order, then says in one sentence what happened, within a bounded time; it can
 * connect again afterwards, and no thread is left.
 */
class BrokenNetworkTest {
    /** The frame the network breaks in: frames before it come back whole. */
    private static final int BROKEN = 3;
    private static final long SEED = 99;
    private static final Duration SLOW_CLOSE = Duration.ofMillis(400);

    private static List<Bytes> payloads(Rig rig) {
        List<Bytes> payloads = Frames.payloads(rig.framing, 6, 200, SEED);
        assertThat(Frames.wire(rig.framing, payloads.get(BROKEN))).as("room to break a frame in").isGreaterThan(8);
        return payloads;
    }

    /** The byte the network breaks at: half way through frame {@link #BROKEN}. */
    private static long cut(String framing) {
        Framing f = Framing.parse(framing);
        return Frames.wire(f, Frames.payloads(f, 6, 200, SEED), BROKEN) + half(framing);
    }

    /** How many bytes of frame {@link #BROKEN} get through: half of it. */
    private static int half(String framing) {
        Framing f = Framing.parse(framing);
        return Frames.wire(f, Frames.payloads(f, 6, 200, SEED).get(BROKEN)) / 2;
    }

    private static String resetSentence(Rig rig) {
        return "the connection to " + rig.peer() + " failed: the connection was reset by the server.";
    }

    /** After the connection broke: a send is refused in one sentence, and a new connection echoes. */
    private static void stillUsable(Rig rig) {
        ClientCommand.Send lonely = rig.recorder.send(new ClientCommand.Send(Bytes.utf8("hello?")));
        assertThat(rig.recorder.nextError(lonely)).isEqualTo("send failed: not connected; connect first.");
        rig.connect(rig.options());
        Conversation.Result again = Conversation.pingPong(rig.recorder, List.of(Bytes.utf8("again")));
        assertThat(again.echoed()).isEqualTo(1);
        rig.closeByClient();
    }

    private static void assertBrokeAt(Conversation.Result result, By by, String reason) {
        assertThat(result.echoed()).as("frames back whole before the break").isEqualTo(BROKEN);
        assertThat(result.sendError()).as("send error").isNull();
        assertThat(result.closed()).as("closed").isNotNull();
        assertThat(result.closed().command()).isNull();
        assertThat(result.closed().by()).isEqualTo(by);
        assertThat(result.closed().reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aResetFromTheServerSideMidFrameIsReportedAfterTheWholeFrames(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.SERVER_TO_CLIENT, Toxic.reset(cut(framing)))) {
            rig.connect(rig.options());
            assertBrokeAt(Conversation.pingPong(rig.recorder, payloads(rig)), By.ERROR, resetSentence(rig));
            stillUsable(rig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aResetOnTheWayToTheServerMidFrameIsReportedAfterTheWholeFrames(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.CLIENT_TO_SERVER, Toxic.reset(cut(framing)))) {
            rig.connect(rig.options());
            assertBrokeAt(Conversation.pingPong(rig.recorder, payloads(rig)), By.ERROR, resetSentence(rig));
            stillUsable(rig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aCloseFromTheServerSideMidFrameNamesTheBytesLost(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.SERVER_TO_CLIENT, Toxic.limitData(cut(framing)))) {
            rig.connect(rig.options());
            assertBrokeAt(Conversation.pingPong(rig.recorder, payloads(rig)), By.ERROR,
                    "the server closed the connection in the middle of a frame (" + half(framing)
                    + " bytes of an unfinished " + framing + " frame were lost).");
            stillUsable(rig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aCloseAfterHalfARequestIsAPlainCloseByTheServer(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.CLIENT_TO_SERVER, Toxic.limitData(cut(framing)))) {
            rig.connect(rig.options());
            assertBrokeAt(Conversation.pingPong(rig.recorder, payloads(rig)), By.SERVER, "closed by the server.");
            stillUsable(rig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aServerThatStopsReadingFailsTheNextBigSendWithinTheWriteTimeout(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.CLIENT_TO_SERVER, Toxic.timeout(cut(framing)))) {
            rig.connect(rig.options().toBuilder().writeTimeout(Duration.ofMillis(300)).build());
            List<Bytes> payloads = payloads(rig);
            assertThat(Conversation.pingPong(rig.recorder, payloads.subList(0, BROKEN)).echoed()).isEqualTo(BROKEN);
            ClientCommand.Send stuck = rig.recorder.send(new ClientCommand.Send(payloads.get(BROKEN)));
            assertThat(rig.recorder.next(ClientReply.Sent.class).command()).isSameAs(stuck);
            // Far more than the socket buffers between client and proxy hold.
            byte[] big = new byte[48 << 20];
            Arrays.fill(big, (byte) 'x');
            ClientCommand.Send bigSend = rig.recorder.send(new ClientCommand.Send(Bytes.adopt(big)));
            long start = System.nanoTime();
            assertThat(rig.recorder.next(ClientReply.Sent.class).command()).isSameAs(bigSend);
            ClientReply.Closed closed = rig.recorder.next(ClientReply.Closed.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(closed.by()).isEqualTo(By.ERROR);
            assertThat(closed.cause()).isEqualTo(Failure.WRITE_STALLED);
            assertThat(closed.reason()).matches("for 0\\.3 s the server did not read enough to take any more of "
                    + "the frame being sent \\(at least \\d+ of " + (big.length + (framing.equals("line") ? 1 : 4))
                    + " bytes written\\), so the connection was given up; the frame may not have reached the server "
                    + "in full\\.");
            assertThat(millis).as("stall reported after %d ms", millis).isBetween(250L, 3000L);
            stillUsable(rig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aServerThatFallsSilentLeavesTheClientFreeToClose(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.SERVER_TO_CLIENT, Toxic.timeout(cut(framing)))) {
            rig.connect(rig.options());
            List<Bytes> payloads = payloads(rig);
            assertThat(Conversation.pingPong(rig.recorder, payloads.subList(0, BROKEN)).echoed()).isEqualTo(BROKEN);
            ClientCommand.Send unanswered = rig.recorder.send(new ClientCommand.Send(payloads.get(BROKEN)));
            assertThat(rig.recorder.next(ClientReply.Sent.class).command()).isSameAs(unanswered);
            ClientReply nothing = rig.recorder.client().replies().poll(300, TimeUnit.MILLISECONDS);
            assertThat(nothing).as("a reply while the server is silent").isNull();
            long start = System.nanoTime();
            rig.closeByClient();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("close took %d ms", millis).isLessThan(1000);
            stillUsable(rig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aServerCloseThatArrivesLateIsReportedWhenItArrives(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.SERVER_TO_CLIENT, Toxic.slowClose(SLOW_CLOSE))) {
            rig.connect(rig.options());
            List<Bytes> payloads = payloads(rig);
            assertThat(Conversation.pingPong(rig.recorder, payloads).echoed()).isEqualTo(payloads.size());
            long start = System.nanoTime();
            rig.server.close();
            ClientReply.Closed closed = rig.recorder.next(ClientReply.Closed.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(closed.by()).isEqualTo(By.SERVER);
            assertThat(closed.reason()).isEqualTo("closed by the server.");
            assertThat(millis).as("close seen after %d ms", millis)
                    .isBetween(SLOW_CLOSE.toMillis(), SLOW_CLOSE.toMillis() + 2000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "len32"})
    void aCloseThatReachesTheServerLateDoesNotHoldTheClient(String framing) throws Exception {
        try (Rig rig = Rig.start(framing, Direction.CLIENT_TO_SERVER, Toxic.slowClose(SLOW_CLOSE))) {
            rig.connect(rig.options());
            List<Bytes> payloads = payloads(rig);
            assertThat(Conversation.pingPong(rig.recorder, payloads).echoed()).isEqualTo(payloads.size());
            long start = System.nanoTime();
            rig.closeByClient();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Resources.await("the server to see the client go", 3000, () -> rig.server.clientCount() == 0);
            long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(closeMillis).as("client close took %d ms", closeMillis).isLessThan(SLOW_CLOSE.toMillis());
            assertThat(goneMillis).as("server saw the close after %d ms", goneMillis)
                    .isGreaterThanOrEqualTo(SLOW_CLOSE.toMillis());
            stillUsable(rig);
        }
    }
}
