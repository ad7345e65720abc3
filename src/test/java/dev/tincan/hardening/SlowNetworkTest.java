package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.testing.FaultProxy.Direction;
import dev.tincan.testing.Toxic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks that are slow or cut the stream into odd pieces but lose nothing: through each
 * such toxic, in each direction and several framings, every frame arrives intact and in
 * order, the connection closes cleanly, and no thread is left. Each test also checks that
 * the toxic really acted (the time it cost, or the writes it made).
 */
class SlowNetworkTest {
    private static final int FRAMES = 24;
    private static final int MAX_PAYLOAD = 400;
    private static final long SEED = 20240504L;

    static Stream<Arguments> framingsAndDirections() {
        return Stream.of("line", "nul", "len32", "len16le")
                .flatMap(framing -> Stream.of(Direction.values()).map(d -> Arguments.of(framing, d)));
    }

    /** Runs the pipelined conversation through {@code toxic}; returns the proxy's counts in its direction. */
    private static Outcome converse(String framing, Direction direction, Toxic toxic) throws Exception {
        Rig rig = Rig.start(framing, direction, toxic);
        long nanos;
        long wire;
        try (rig) {
            List<Bytes> payloads = Frames.payloads(rig.framing, FRAMES, MAX_PAYLOAD, SEED);
            rig.connect(rig.options());
            nanos = Conversation.pipelined(rig.recorder, payloads);
            rig.closeByClient();
            wire = Frames.wire(rig.framing, payloads, payloads.size());
        }
        // Counted after each write returns, so read once the proxy's threads have ended.
        assertThat(rig.proxy.bytes(direction)).as("bytes through the toxic").isEqualTo(wire);
        return new Outcome(TimeUnit.NANOSECONDS.toMillis(nanos), wire, rig.proxy.writes(direction));
    }

    private record Outcome(long millis, long wireBytes, long writes) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("framingsAndDirections")
    void latencyWithJitterDelaysEveryFrameButLosesNone(String framing, Direction direction) throws Exception {
        Outcome outcome = converse(framing, direction, Toxic.latency(Duration.ofMillis(30), Duration.ofMillis(10),
                7));
        assertThat(outcome.millis()).as("conversation time").isGreaterThanOrEqualTo(20).isLessThan(3000);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("framingsAndDirections")
    void aBandwidthLimitSlowsTheStreamButLosesNothing(String framing, Direction direction) throws Exception {
        long rate = 48 * 1024;
        Outcome outcome = converse(framing, direction, Toxic.bandwidth(rate));
        long floor = (outcome.wireBytes() - rate / 100) * 1000 / rate;
        assertThat(outcome.millis()).as("conversation time for %d bytes at %d B/s", outcome.wireBytes(), rate)
                .isGreaterThanOrEqualTo(floor).isLessThan(3000);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("framingsAndDirections")
    void oneByteWritesAreReassembledIntoWholeFrames(String framing, Direction direction) throws Exception {
        Outcome outcome = converse(framing, direction, Toxic.slicer(1));
        assertThat(outcome.writes()).as("one write per byte").isEqualTo(outcome.wireBytes());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("framingsAndDirections")
    void writesOfRandomSizesAreReassembledIntoWholeFrames(String framing, Direction direction) throws Exception {
        Outcome outcome = converse(framing, direction, Toxic.slicer(1, 13, 42));
        assertThat(outcome.writes()).as("writes of 1 to 13 bytes").isGreaterThanOrEqualTo(outcome.wireBytes() / 13);
    }
}
