package dev.tincan.relay;

import dev.tincan.codec.CorruptedFrameException;
import dev.tincan.codec.DelimiterFraming;
import dev.tincan.codec.FixedLengthFraming;
import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.FrameException;
import dev.tincan.codec.Framing;
import dev.tincan.codec.LengthPrefixFraming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one direction of a link and says where each frame lies in the byte stream, so a
 * relay can forward the exact wire bytes of a frame, hold them, or cut them out.
 *
 * <p>Two ways to feed a chunk. {@link #feedFast} only decodes: the frames come out and
 * {@link #boundary()} says where the last complete frame of the chunk ends, which is all
 * pass-through needs (it forwards the chunk as read). {@link #feedExact} also gives every
 * frame's wire bytes, as {@link Segment}s over {@link #work()}: the wire length of each
 * frame follows from its payload and the framing (for {@code line}, whether a CR was
 * stripped is read from the bytes), and is checked against {@link FrameDecoder#pending()}.
 * Bytes the framing cannot frame (a too-long frame, a broken stream) come out as broken
 * segments; to find their edges the bytes since the last boundary are fed again, one byte
 * at a time, to a fresh decoder, which then replaces the old one. That slow path runs only
 * around such bytes.
 *
 * <p>The bytes since the last frame boundary are kept (bounded by the max frame length and
 * the framing's header or delimiter), for the slow path and for the wire bytes of a frame
 * that spans chunks. Not thread-safe: one cutter per link direction, used by its reader.
 */
final class Cutter {
    /** What a stretch of the stream is. */
    enum Kind {
        /** A complete frame. */
        FRAME,
        /** Bytes the framing could not frame. */
        BROKEN
    }

    /**
     * One stretch of {@link #work()}: a frame with its payload, or broken bytes with why.
     *
     * @param start where it starts in {@link #work()}
     * @param end where it ends (exclusive)
     */
    record Segment(Kind kind, int start, int end, byte[] payload, String why) {
    }

    private final Framing framing;
    private final int maxFrameLength;
    /** The wire length a frame adds to its payload, or -1 when it depends on the bytes ({@code line}, raw). */
    private final int overhead;
    private final boolean line;
    /** The length prefix's width for {@link #feedCount}, or 0 when the framing is not a length prefix. */
    private final int prefixWidth;
    private final boolean prefixLittleEndian;
    private FrameDecoder decoder;
    /**
     * Whether {@link #feedCount} passed bytes the decoder has not seen: it is then rebuilt
     * from the carried bytes before it decodes again.
     */
    private boolean decoderBehind;
    /** The bytes since the last boundary, then (while exact) the chunk after them. */
    private byte[] work = new byte[4096];
    /** How many bytes since the last boundary are kept, from {@link #keep} in {@link #work}. */
    private int carried;
    /**
     * Where the carried bytes start in {@link #work}; they are moved to the front only at the
     * next feed, so the segments of the last feed stay readable.
     */
    private int keep;
    /** How many bytes {@link #work} holds after an exact feed. */
    private int workLength;
    /** Whether the stream is inside a too-long run being skipped; the carried bytes are then empty. */
    private boolean inSkip;
    /** Why a skipped run is broken. */
    private String skipWhy = "";
    /** Set once the stream broke the framing beyond repair: every byte from then on is broken. */
    private String failed;
    private final ArrayList<byte[]> frames = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private int boundary;

    Cutter(Framing framing, int maxFrameLength) {
        this.framing = framing;
        this.maxFrameLength = maxFrameLength;
        this.decoder = framing.newDecoder(maxFrameLength);
        if (framing instanceof LengthPrefixFraming l) {
            overhead = l.width();
            line = false;
        } else if (framing instanceof FixedLengthFraming) {
            overhead = 0;
            line = false;
        } else if (framing instanceof DelimiterFraming d) {
            line = d.spec().equals("line");
            overhead = line ? -1 : d.delimiter().length();
        } else {
            overhead = 0;
            line = false;
        }
        if (framing instanceof LengthPrefixFraming l) {
            prefixWidth = l.width();
            prefixLittleEndian = l.littleEndian();
        } else {
            prefixWidth = 0;
            prefixLittleEndian = false;
        }
    }

    /** Whether the fast path may be used for the next chunk: the stream is neither broken nor in a skipped run. */
    boolean clean() {
        return failed == null && !inSkip;
    }

    /** Whether the stream now ends inside a frame (or a skipped run). */
    boolean midFrame() {
        return carried > 0 || inSkip;
    }

    /** How many bytes since the last boundary are kept. */
    int carried() {
        return carried;
    }

    /** Where the carried bytes start in {@link #work()}. */
    int carriedStart() {
        return keep;
    }

    /**
     * Counts the frames a chunk completes without decoding them, for a pass-through that
     * reports no frames (a quiet relay): with a length prefix, the cutter only reads each
     * header and steps over the payload, so no frame is copied or allocated. Afterwards
     * {@link #boundary()} and the carried bytes are as after {@link #feedFast}. Returns -1,
     * having changed nothing, when the framing is not a length prefix, the stream is not
     * {@link #clean()}, or the chunk holds a length the decoder would refuse (too long or
     * negative): the caller then feeds the chunk to {@link #feedFast}, which reports it.
     */
    int feedCount(byte[] in, int off, int len) {
        if (prefixWidth == 0 || !clean()) {
            return -1;
        }
        // The stream here is the carried bytes (less than one frame) and then the chunk.
        long total = (long) carried + len;
        long at = 0;
        int count = 0;
        while (total - at >= prefixWidth) {
            long length = 0;
            for (int i = 0; i < prefixWidth; i++) {
                long index = at + (prefixLittleEndian ? prefixWidth - 1 - i : i);
                int b = (index < carried ? work[keep + (int) index] : in[off + (int) (index - carried)]) & 0xff;
                length = (length << 8) | b;
            }
            if (length < 0 || length > maxFrameLength) {
                return -1;
            }
            long end = at + prefixWidth + length;
            if (end > total) {
                break;
            }
            count++;
            at = end;
        }
        frames.clear();
        if (count == 0) {
            boundary = -1;
            append(in, off, len);
        } else {
            // A carried run is shorter than a frame, so the last boundary lies in the chunk.
            boundary = (int) (off + at - carried);
            carried = 0;
            keep = 0;
            append(in, boundary, off + len - boundary);
        }
        decoderBehind = true;
        return count;
    }

    /** Rebuilds the decoder from the carried bytes when {@link #feedCount} went past it. */
    private void catchUp() {
        if (!decoderBehind) {
            return;
        }
        decoderBehind = false;
        decoder = framing.newDecoder(maxFrameLength);
        if (carried > 0) {
            frames.clear();
            try {
                decoder.decode(work, keep, carried, frames);
            } catch (FrameException e) {
                throw new IllegalStateException("carried bytes the count had accepted were refused", e);
            }
        }
    }

    /**
     * Decodes a chunk without locating each frame; only when {@link #clean()}. Returns false
     * when the chunk broke the framing: then it was cut exactly instead, as by
     * {@link #feedExact}, and {@link #segments()} says what it held.
     */
    boolean feedFast(byte[] in, int off, int len) {
        catchUp();
        frames.clear();
        try {
            decoder.decode(in, off, len, frames);
        } catch (FrameException e) {
            append(in, off, len);
            decoder = framing.newDecoder(maxFrameLength);
            rescan(0);
            return false;
        }
        long pending = decoder.pending();
        if (frames.isEmpty()) {
            boundary = -1;
            append(in, off, len);
        } else {
            boundary = (int) (off + len - pending);
            carried = 0;
            keep = 0;
            append(in, boundary, (int) pending);
        }
        return true;
    }

    /** The frames the last fast feed decoded, in order; reused by the next feed. */
    List<byte[]> frames() {
        return frames;
    }

    /** Where in the last fast chunk its last complete frame ended, or -1 when none did. */
    int boundary() {
        return boundary;
    }

    /**
     * Decodes a chunk and locates every frame and broken stretch in {@link #work()}: the bytes
     * carried from before come first, at 0. What is left after the last segment stays carried.
     */
    void feedExact(byte[] in, int off, int len) {
        catchUp();
        int before = carried;
        append(in, off, len);
        segments.clear();
        if (failed != null) {
            segments.add(new Segment(Kind.BROKEN, 0, workLength, null, failed));
            carried = 0;
            keep = 0;
            return;
        }
        if (inSkip) {
            rescanWith(decoder, before, true);
            return;
        }
        frames.clear();
        try {
            decoder.decode(in, off, len, frames);
        } catch (FrameException e) {
            decoder = framing.newDecoder(maxFrameLength);
            rescan(0);
            return;
        }
        int pos = 0;
        for (byte[] payload : frames) {
            int wire = wireLength(payload, pos);
            if (wire < 0 || pos + wire > workLength) {
                pos = -1;
                break;
            }
            segments.add(new Segment(Kind.FRAME, pos, pos + wire, payload, null));
            pos += wire;
        }
        if (pos < 0 || workLength - pos != decoder.pending()) {
            // Should not happen; find the edges the slow way rather than forward wrong bytes.
            segments.clear();
            decoder = framing.newDecoder(maxFrameLength);
            rescan(0);
            return;
        }
        keepFrom(pos);
    }

    /** The segments of the last exact feed (or of a fast feed that returned false). */
    List<Segment> segments() {
        return segments;
    }

    /** The bytes the segments point into; valid until the next feed. */
    byte[] work() {
        return work;
    }

    /** How many bytes of {@link #work()} the last exact feed covered, carried bytes included. */
    int workLength() {
        return workLength;
    }

    /** A copy of the carried bytes (a frame left unfinished), e.g. at the end of the stream. */
    byte[] carriedBytes() {
        return Arrays.copyOfRange(work, keep, keep + carried);
    }

    /** Forgets the carried bytes, e.g. once they were reported at the end of the stream. */
    void clearCarried() {
        carried = 0;
        keep = 0;
    }

    private int wireLength(byte[] payload, int pos) {
        if (line) {
            int after = pos + payload.length;
            if (after >= workLength) {
                return -1;
            }
            return payload.length + (work[after] == '\r' ? 2 : 1);
        }
        return payload.length + overhead;
    }

    /** Appends a chunk after the carried bytes; afterwards {@link #workLength} covers both. */
    private void append(byte[] in, int off, int len) {
        if (keep > 0) {
            System.arraycopy(work, keep, work, 0, carried);
            keep = 0;
        }
        if (carried == 0 && work.length > 1024 * 1024 && len < 4096) {
            work = new byte[4096];
        }
        int need = carried + len;
        if (need > work.length) {
            work = Arrays.copyOf(work, Math.max(need, (int) Math.min(Integer.MAX_VALUE - 8, work.length * 2L)));
        }
        System.arraycopy(in, off, work, carried, len);
        carried = need;
        workLength = need;
    }

    /** Keeps {@code work[from..workLength)} as the carried bytes (moved to the front at the next feed). */
    private void keepFrom(int from) {
        keep = from;
        carried = workLength - from;
    }

    /** Feeds {@code work[from..)} one byte at a time to the (fresh) decoder. */
    private void rescan(int from) {
        segments.clear();
        rescanWith(decoder, from, false);
    }

    private void rescanWith(FrameDecoder d, int from, boolean skipping) {
        int segStart = 0;
        boolean skip = skipping;
        String why = skipping ? skipWhy : null;
        for (int i = from; i < workLength; i++) {
            frames.clear();
            try {
                d.decode(work, i, 1, frames);
            } catch (CorruptedFrameException e) {
                failed = e.getMessage();
                segments.add(new Segment(Kind.BROKEN, segStart, workLength, null, e.getMessage()));
                inSkip = false;
                carried = 0;
                keep = 0;
                return;
            } catch (FrameException e) {
                skip = true;
                why = e.getMessage();
            }
            if (!frames.isEmpty()) {
                segments.add(new Segment(Kind.FRAME, segStart, i + 1, frames.get(0), null));
                segStart = i + 1;
            } else if (skip && d.pending() == 0) {
                segments.add(new Segment(Kind.BROKEN, segStart, i + 1, null, why));
                segStart = i + 1;
                skip = false;
            }
        }
        if (skip) {
            // The rest of a too-long run is broken whatever follows: report it now, keep nothing.
            if (segStart < workLength) {
                segments.add(new Segment(Kind.BROKEN, segStart, workLength, null, why));
            }
            inSkip = true;
            skipWhy = why;
            carried = 0;
            keep = 0;
        } else {
            inSkip = false;
            keepFrom(segStart);
        }
    }
}
