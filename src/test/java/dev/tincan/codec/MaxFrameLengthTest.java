package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a peer announces is allocated before it arrives: the bytes this thread allocates
 * while decoding are measured, and many decoders are kept alive at once, which could not
 * fit in the test heap if each had allocated what its header announced.
 */
class MaxFrameLengthTest {
    private static final int MIB = 1024 * 1024;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void allocationCanBeMeasured() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count the bytes a thread allocates");
    }

    @Test
    void aLen32PrefixOf7fffffffWithTheDefaultMaxAllocatesNothingLikeItsLength() {
        Framing len32 = Framing.parse("len32");
        byte[] header = hex("7fffffff");
        List<FrameDecoder> alive = new ArrayList<>();

        long allocated = allocatedWhile(() -> {
            for (int i = 0; i < 2_000; i++) {
                FrameDecoder decoder = len32.newDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH);
                assertThatThrownBy(() -> decoder.decode(header, 0, 4, new ArrayList<>()))
                        .isInstanceOf(TooLongFrameException.class);
                assertThat(decoder.pending()).isEqualTo(4);
                alive.add(decoder);
            }
        });

        assertThat(alive).hasSize(2_000);
        assertThat(allocated).as("bytes allocated for 2000 headers").isLessThan(64L * MIB);
    }

    @Test
    void aHeaderWithinAHugeMaxCostsOnlyTheBytesThatArrived() throws FrameException {
        Framing len32 = Framing.parse("len32");
        byte[] wire = new byte[4 + 100];
        System.arraycopy(hex("7ffffff0"), 0, wire, 0, 4);
        List<FrameDecoder> alive = new ArrayList<>();

        long allocated = allocatedWhile(() -> {
            for (int i = 0; i < 1_000; i++) {
                FrameDecoder decoder = len32.newDecoder(Framing.MAX_FRAME_LENGTH_LIMIT);
                decoder.decode(wire, 0, wire.length, new ArrayList<>());
                alive.add(decoder);
            }
        });

        assertThat(alive).allSatisfy(d -> assertThat(d.pending()).isEqualTo(104));
        assertThat(allocated).as("bytes allocated by 1000 decoders that each hold 104 bytes")
                .isLessThan(32L * MIB);
    }

    @Test
    void aHugeFixedFrameGrowsOnlyWithTheBytesThatArrived() throws FrameException {
        Framing fixed = Framing.parse("fixed:" + Framing.MAX_FRAME_LENGTH_LIMIT);
        List<FrameDecoder> alive = new ArrayList<>();

        long allocated = allocatedWhile(() -> {
            for (int i = 0; i < 1_000; i++) {
                FrameDecoder decoder = fixed.newDecoder(Framing.MAX_FRAME_LENGTH_LIMIT);
                decoder.decode(new byte[100], 0, 100, new ArrayList<>());
                alive.add(decoder);
            }
        });

        assertThat(alive).allSatisfy(d -> assertThat(d.pending()).isEqualTo(100));
        assertThat(allocated).isLessThan(32L * MIB);
    }

    @Test
    void a64MiBRunWithoutDelimiterHoldsNoMoreThanTheMax() {
        FrameDecoder decoder = Framing.parse("line").newDecoder(MIB);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        List<Class<?>> errors = new ArrayList<>();

        long allocated = allocatedWhile(() -> {
            for (int i = 0; i < 1024; i++) {
                try {
                    decoder.decode(chunk, 0, chunk.length, new ArrayList<>());
                } catch (FrameException e) {
                    errors.add(e.getClass());
                }
            }
        });

        assertThat(errors).containsExactly(TooLongFrameException.class);
        assertThat(decoder.pending()).isEqualTo(64L * MIB);
        assertThat(allocated).as("bytes allocated while 64 MiB went by").isLessThan(4L * MIB);
    }

    @Test
    void aLen64PrefixOfNearly2To63IsSkippedWithoutHoldingAnything() throws FrameException {
        FrameDecoder decoder = Framing.parse("len64").newDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH);
        byte[] header = hex("7fffffffffffffff");
        assertThatThrownBy(() -> decoder.decode(header, 0, 8, new ArrayList<>()))
                .isInstanceOf(TooLongFrameException.class);
        byte[] chunk = new byte[64 * 1024];
        List<byte[]> out = new ArrayList<>();

        long allocated = allocatedWhile(() -> {
            for (int i = 0; i < 256; i++) {
                decoder.decode(chunk, 0, chunk.length, out);
            }
        });

        assertThat(out).isEmpty();
        assertThat(decoder.pending()).isEqualTo(8 + 16L * MIB);
        assertThat(allocated).isLessThan(MIB);
    }

    @Test
    void aLargeFrameCostsAboutItsOwnSize() throws FrameException {
        int length = 10 * MIB;
        byte[] wire = new byte[4 + length];
        wire[1] = (byte) 0xa0;
        List<byte[]> out = new ArrayList<>();
        FrameDecoder decoder = Framing.parse("len32").newDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH);

        long allocated = allocatedWhile(() -> {
            for (int pos = 0; pos < wire.length; pos += 64 * 1024) {
                decoder.decode(wire, pos, Math.min(64 * 1024, wire.length - pos), out);
            }
        });

        assertThat(out).singleElement().satisfies(f -> assertThat(f).hasSize(length));
        assertThat(allocated).isLessThan(3L * length);
    }

    /** Decoding work that may throw a frame error. */
    private interface Work {
        void run() throws FrameException;
    }

    private static long allocatedWhile(Work work) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        try {
            work.run();
        } catch (FrameException e) {
            throw new AssertionError("unexpected: " + e.getMessage(), e);
        }
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }
}
