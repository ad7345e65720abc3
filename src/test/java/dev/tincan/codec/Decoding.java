package dev.tincan.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Feeds wire bytes to a fresh decoder in a chosen split and records what came out: the
 * frames, and the kinds of error raised along the way. Two splits of the same bytes must
 * give equal results; the error kinds are a set because one chunk holding two too-long
 * frames raises once where two chunks raise twice.
 */
final class Decoding {

    /** What a decoder gave for a whole stream. */
    record Result(List<Bytes> frames, Set<Class<? extends FrameException>> errorKinds) {
    }

    private Decoding() {
    }

    /** The stream in one chunk. */
    static Result allAtOnce(Framing framing, int maxFrameLength, byte[] wire) {
        return inChunks(framing, maxFrameLength, wire, new int[] {wire.length});
    }

    /** The stream one byte at a time. */
    static Result byteByByte(Framing framing, int maxFrameLength, byte[] wire) {
        int[] sizes = new int[wire.length];
        Arrays.fill(sizes, 1);
        return inChunks(framing, maxFrameLength, wire, sizes);
    }

    /** The stream in chunks of random sizes from 1 to {@code maxChunk}, drawn from {@code seed}. */
    static Result randomChunks(Framing framing, int maxFrameLength, byte[] wire, long seed, int maxChunk) {
        return inChunks(framing, maxFrameLength, wire, randomSizes(new Random(seed), wire.length, maxChunk));
    }

    /** The stream cut at the given offsets, which must be in order. */
    static Result cutAt(Framing framing, int maxFrameLength, byte[] wire, int... cuts) {
        int[] sizes = new int[cuts.length + 1];
        int from = 0;
        for (int i = 0; i < cuts.length; i++) {
            sizes[i] = cuts[i] - from;
            from = cuts[i];
        }
        sizes[cuts.length] = wire.length - from;
        return inChunks(framing, maxFrameLength, wire, sizes);
    }

    /** Chunk sizes from 1 to {@code maxChunk} that add up to {@code length}. */
    static int[] randomSizes(Random random, int length, int maxChunk) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int n = Math.min(left, 1 + random.nextInt(maxChunk));
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The stream in chunks of the given sizes (empty chunks allowed), each fed with a bit of padding around it. */
    static Result inChunks(Framing framing, int maxFrameLength, byte[] wire, int[] sizes) {
        FrameDecoder decoder = framing.newDecoder(maxFrameLength);
        List<byte[]> out = new ArrayList<>();
        Set<Class<? extends FrameException>> kinds = new LinkedHashSet<>();
        int pos = 0;
        for (int size : sizes) {
            // Feed from an offset inside a larger array so that off and len are honoured.
            byte[] padded = new byte[size + 6];
            System.arraycopy(wire, pos, padded, 3, size);
            padded[0] = padded[1] = padded[2] = '\n';
            padded[size + 3] = padded[size + 4] = padded[size + 5] = '\n';
            try {
                decoder.decode(padded, 3, size, out);
            } catch (FrameException e) {
                kinds.add(e.getClass());
            }
            pos += size;
        }
        if (pos != wire.length) {
            throw new IllegalArgumentException("chunk sizes add up to " + pos + ", not " + wire.length);
        }
        List<Bytes> frames = new ArrayList<>(out.size());
        for (byte[] frame : out) {
            frames.add(Bytes.of(frame));
        }
        return new Result(frames, kinds);
    }

    /** The bytes of {@code hex}, for writing test input readably. */
    static byte[] hex(String hex) {
        return Hex.parse(hex);
    }

    /** The bytes of all the arrays, one after the other. */
    static byte[] concat(List<byte[]> parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
