package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientReply.By;
import dev.tincan.client.Failure;
import dev.tincan.codec.Bytes;
import dev.tincan.testing.FaultProxy.Direction;
import dev.tincan.testing.Toxic;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reset or a close while a thousand frames are in flight both ways: the writer and the
 * reader race to notice, so the words can differ from run to run, but they are always
 * one of a few plain sentences: every Send gets exactly one outcome, the frames that
 * arrive are the first ones sent, whole and in order, and exactly one Closed follows.
 *
 * <p>A reset is not always called one: when it lands during a write that had already
 * moved some bytes, Linux hands the error to that write, which reports the bytes it moved
 * and nothing else, and the reader then sees a plain end of stream ("closed by the server"
 * or a frame cut short). No error is left anywhere for the client to find.
 */
class BrokenPipelineTest {
    private static final int FRAMES = 1000;
    private static final long CUT = 5000;
    private static final String RESET_ON_SEND = "send failed: the connection was reset by the server.";
    private static final Set<String> SEND_ERRORS = Set.of(
            "send failed: not connected; connect first.",
            "send failed: the connection closed before the frame was sent; connect again.",
            RESET_ON_SEND);

    static Stream<Arguments> cases() {
        return Stream.of("line", "len32").flatMap(framing -> Stream.of(Direction.values())
                .flatMap(direction -> Stream.of("reset", "limit data")
                        .flatMap(toxic -> IntStream.rangeClosed(1, 3)
                                .mapToObj(round -> Arguments.of(framing, direction, toxic, round)))));
    }

    @ParameterizedTest(name = "{2} {1} {0} #{3}")
    @MethodSource("cases")
    void aBreakWithFramesInFlightIsReportedInPlainWords(String framing, Direction direction, String kind,
            int round) throws Exception {
        Toxic toxic = kind.equals("reset") ? Toxic.reset(CUT) : Toxic.limitData(CUT);
        try (Rig rig = Rig.start(framing, direction, toxic)) {
            List<Bytes> payloads = Frames.payloads(rig.framing, FRAMES, 140, round);
            rig.connect(rig.options());
            Conversation.Broken broken = Conversation.pipelinedUntilClosed(rig.recorder, payloads);

            assertThat(broken.received()).as("frames back before the break").isLessThan(FRAMES);
            assertThat(broken.sendErrors()).as("send errors").isSubsetOf(SEND_ERRORS);
            assertThat(broken.closed().command()).isNull();
            String reason = broken.closed().reason();
            String resetSentence = "the connection to " + rig.peer() + " failed: the connection was reset by the "
                    + "server.";
            if (broken.closed().by() == By.SERVER) {
                assertThat(reason).as("closed by the server").isEqualTo("closed by the server.");
            } else {
                assertThat(broken.closed().by()).isEqualTo(By.ERROR);
                assertThat(broken.closed().cause()).isIn(Failure.RESET, Failure.TRUNCATED_FRAME);
                // A reset seen by a write says how much of that write may be lost.
                String resetOnWrite = Pattern.quote(resetSentence.substring(0, resetSentence.length() - 1))
                        + "; (the frame|the last \\d+ frames) may not have reached the server in full\\.";
                assertThat(reason).matches(s -> s.equals(resetSentence) || s.matches(resetOnWrite)
                        || s.matches("the server closed the connection in the middle of a frame \\(\\d+ bytes of an "
                        + "unfinished " + framing + " frame were lost\\)\\."), "a reset or a close mid-frame: " + reason);
            }
            rig.connect(rig.options());
            Conversation.Result again = Conversation.pingPong(rig.recorder, List.of(Bytes.utf8("again")));
            assertThat(again.echoed()).isEqualTo(1);
            rig.closeByClient();
        }
    }
}
