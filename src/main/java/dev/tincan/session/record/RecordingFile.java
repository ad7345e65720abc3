package dev.tincan.session.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recording on disk, read on demand: {@link #open} reads the header and indexes where
 * each line starts (one {@code long} and one byte per line), so a recording of a million
 * frames opens in a fraction of a second and its frames stay on disk until
 * {@link #line(int)} reads one. Lines are numbered from 0 after the header.
 *
 * <p>A recording cut short (a killed process, a full disk) ends in a partial line without
 * its line end: it is left out and {@link #cutShort()} says so. A line that is not a
 * recording's line is found when it is read, and its sentence names it. Thread-safe: reads
 * are positional.
 */
public final class RecordingFile implements AutoCloseable {
    /** The longest header line accepted; more means the file is not a recording. */
    private static final int MAX_HEADER = 64 * 1024;
    private static final int CHUNK = 1 << 20;
    private static final byte[] DIR = ",\"dir\":\"".getBytes(StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(RecordingFile.class);

    private final Path file;
    private final FileChannel channel;
    private final RecordFormat.Header header;
    /** Where line i starts; {@code starts[size]} is where the line after the last would start. */
    private final long[] starts;
    /** The kind of each line, as {@link RecordFormat.Dir#ordinal()}, or -1 when the index could not tell. */
    private final byte[] dirs;
    private final int size;
    private final int framesOut;
    private final int framesIn;
    private final boolean cutShort;
    private final long durationNanos;

    private RecordingFile(Path file, FileChannel channel, RecordFormat.Header header, long[] starts, byte[] dirs,
            int size, boolean cutShort) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.starts = starts;
        this.dirs = dirs;
        this.size = size;
        this.cutShort = cutShort;
        int out = 0;
        int in = 0;
        for (int i = 0; i < size; i++) {
            if (dirs[i] == RecordFormat.Dir.OUT.ordinal()) {
                out++;
            } else if (dirs[i] == RecordFormat.Dir.IN.ordinal()) {
                in++;
            }
        }
        this.framesOut = out;
        this.framesIn = in;
        this.durationNanos = lastNanos();
    }

    /** The time of the last line that reads, looking back a few lines at most. */
    private long lastNanos() {
        for (int i = size - 1; i >= Math.max(0, size - 16); i--) {
            try {
                return line(i).nanos();
            } catch (RecorderException e) {
                log.info("{}", e.getMessage());
            }
        }
        return 0;
    }

    /**
     * Opens {@code file} and indexes its lines.
     *
     * @throws RecorderException with one sentence when it cannot be read, is not a recording,
     *     or was written by a newer Tincan
     */
    public static RecordingFile open(Path file) throws RecorderException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RecorderException("could not open " + file + ": " + Recorder.reason(e) + ".", e);
        }
        try {
            return index(file, channel);
        } catch (IOException e) {
            close(channel);
            throw new RecorderException("could not read " + file + ": " + Recorder.reason(e) + ".", e);
        } catch (RecorderException | RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static RecordingFile index(Path file, FileChannel channel) throws IOException, RecorderException {
        long length = channel.size();
        if (length == 0) {
            throw new RecorderException(file + " is empty: it is not a Tincan recording.");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, length));
        Indexer ix = new Indexer(file, (int) Math.min(MAX_HEADER, length));
        long pos = 0;
        while (pos < length) {
            buf.clear();
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            ix.scan(buf.array(), n, pos);
            pos += n;
        }
        if (ix.lines < 0) {
            throw notRecording(file, "it has no whole first line");
        }
        RecordFormat.Header header;
        try {
            header = RecordFormat.parseHeader(new String(ix.header, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            if (why.startsWith("it was written by a newer")) {
                throw new RecorderException(file + " cannot be opened: " + why + ".", e);
            }
            throw notRecording(file, why);
        }
        ix.starts[ix.lines] = ix.lineStart;
        boolean cutShort = ix.lineStart < length;
        if (cutShort) {
            log.info("{}: its last {} bytes are a partial line, left out", file, length - ix.lineStart);
        }
        return new RecordingFile(file, channel, header, ix.starts, ix.dirs, ix.lines, cutShort);
    }

    /** Finds where lines start and what each records, chunk by chunk. */
    private static final class Indexer {
        private final Path file;
        private final ByteBuffer headerBuf;
        byte[] header;
        long[] starts = new long[1024];
        byte[] dirs = new byte[1024];
        /** Lines indexed after the header, or -1 while in the header. */
        int lines = -1;
        long lineStart;
        private int matched;
        private boolean dirKnown;
        private int dirWord;

        Indexer(Path file, int maxHeader) {
            this.file = file;
            this.headerBuf = ByteBuffer.allocate(maxHeader);
        }

        void scan(byte[] a, int n, long base) throws RecorderException {
            int i = 0;
            while (lines < 0 && i < n) {
                byte b = a[i++];
                if (b == '\n') {
                    header = Arrays.copyOf(headerBuf.array(), headerBuf.position());
                    lines = 0;
                    lineStart = base + i;
                } else if (headerBuf.hasRemaining()) {
                    headerBuf.put(b);
                } else {
                    throw notRecording(file, "its first line is longer than " + MAX_HEADER / 1024 + " KiB");
                }
            }
            while (i < n) {
                if (dirKnown) {
                    while (i < n && a[i] != '\n') {
                        i++;
                    }
                    if (i == n) {
                        return;
                    }
                }
                byte b = a[i++];
                if (b == '\n') {
                    endLine(base + i);
                } else if (!dirKnown) {
                    findDir(b);
                }
            }
        }

        private void endLine(long next) {
            if (lines == starts.length - 1) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                dirs = Arrays.copyOf(dirs, dirs.length * 2);
            }
            starts[lines] = lineStart;
            dirs[lines] = dirKnown ? (byte) dirWord : -1;
            lines++;
            lineStart = next;
            matched = 0;
            dirKnown = false;
            dirWord = 0;
        }

        private void findDir(byte b) {
            if (matched == DIR.length) {
                dirWord = dirOf(b);
                matched = dirWord == -2 ? DIR.length + 1 : 0;
                dirKnown = dirWord != -2;
            } else if (matched == DIR.length + 1) {
                dirWord = b == 'v' ? RecordFormat.Dir.EVENT.ordinal() : RecordFormat.Dir.ERROR.ordinal();
                dirKnown = true;
            } else if (b == DIR[matched]) {
                matched++;
            } else {
                matched = b == DIR[0] ? 1 : 0;
            }
        }
    }

    /** The kind a dir word starting with {@code b} names, -2 when the next byte decides, -1 when none. */
    private static int dirOf(byte b) {
        switch (b) {
            case 'o':
                return RecordFormat.Dir.OUT.ordinal();
            case 'i':
                return RecordFormat.Dir.IN.ordinal();
            case 'n':
                return RecordFormat.Dir.NOTE.ordinal();
            case 'e':
                return -2;
            default:
                return -1;
        }
    }

    private static RecorderException notRecording(Path file, String why) {
        return new RecorderException(file + " is not a Tincan recording: " + why + ".");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The header: when it started and the connection's settings. */
    public RecordFormat.Header header() {
        return header;
    }

    /** How many whole lines follow the header. */
    public int size() {
        return size;
    }

    /** Frames sent in the recording. */
    public int framesOut() {
        return framesOut;
    }

    /** Frames received in the recording. */
    public int framesIn() {
        return framesIn;
    }

    /** The time from the start of the recording to its last line. */
    public long durationNanos() {
        return durationNanos;
    }

    /** Whether the file ends in a partial line, which is left out. */
    public boolean cutShort() {
        return cutShort;
    }

    /** One sentence saying the last line was left out, or {@code null} when the file ends cleanly. */
    public String cutShortSentence() {
        return cutShort ? "the last line of " + file + " was cut short (the recording did not end cleanly) and is "
                + "left out." : null;
    }

    /**
     * What line {@code i} records, as far as the index could tell without reading it, or
     * {@code null} when it could not (a line that is not a recording's line).
     */
    public RecordFormat.Dir dir(int i) {
        checkIndex(i);
        int d = dirs[i];
        return d < 0 ? null : RecordFormat.Dir.values()[d];
    }

    /**
     * Reads and decodes line {@code i}.
     *
     * @throws RecorderException with one sentence naming the line when it cannot be read or is
     *     not a recording's line
     */
    public RecordFormat.Line line(int i) throws RecorderException {
        checkIndex(i);
        long start = starts[i];
        int length = (int) Math.min(Integer.MAX_VALUE - 8, starts[i + 1] - start - 1);
        ByteBuffer buf = ByteBuffer.allocate(length);
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, start + buf.position()) < 0) {
                    throw new IOException("the file ended early: was it changed while open?");
                }
            }
        } catch (IOException e) {
            throw new RecorderException("could not read line " + (i + 2) + " of " + file + ": "
                    + Recorder.reason(e) + ".", e);
        }
        String json = new String(buf.array(), 0, length, StandardCharsets.UTF_8);
        try {
            return RecordFormat.parseLine(json);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new RecorderException("line " + (i + 2) + " of " + file + " is not a recording's line: "
                    + e.getMessage() + ".", e);
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT, "line %d of %d", i, size));
        }
    }

    /** Closes the file. */
    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing a recording failed", e);
        }
    }
}
