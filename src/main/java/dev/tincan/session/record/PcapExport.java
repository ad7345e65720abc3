package dev.tincan.session.record;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes a recording as a classic pcap file (LINKTYPE_ETHERNET, microsecond times) that
 * Wireshark and tcpdump open as one TCP connection: synthetic Ethernet, IPv4 and TCP headers
 * around the recording's frames, with a three-way handshake first, each frame as a segment
 * (client to server for sent frames, server to client for received ones) with the sequence
 * and acknowledgement numbers a real connection would have and correct IPv4 and TCP
 * checksums, and FINs last. Each frame is put back on the wire in the recording's framing
 * (delimiter or length prefix), so "Follow TCP Stream" shows the bytes that went over the
 * wire; a frame longer than one IPv4 packet carries is split into several segments. Times
 * are the recording's.
 *
 * <p>The server is the recording's host when it is an IPv4 address (10.0.0.2 otherwise) and
 * its port; the client is port 49152 of 10.0.0.1, or of 127.0.0.1 when the server is on this
 * machine. Frames are read one at a time and written
 * through a buffer, so a recording of any length exports in little memory; how far it has
 * come can go to a {@link Progress} listener. Stateless.
 */
public final class PcapExport {
    /** The most TCP payload one IPv4 packet of 65 535 bytes carries after 20-byte IPv4 and TCP headers. */
    public static final int MAX_SEGMENT = 65_535 - 20 - 20;
    /** LINKTYPE_ETHERNET. */
    static final int LINKTYPE_ETHERNET = 1;
    private static final int ETHERNET = 14;
    private static final int IP = 20;
    private static final int TCP = 20;
    private static final int CLIENT_PORT = 49_152;
    private static final long CLIENT_ISN = 0x1000_0000L;
    private static final long SERVER_ISN = 0x2000_0000L;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int FIN = 0x01;
    /** The least time between two progress reports but the last. */
    static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * What was written.
     *
     * @param packets packets in the file, handshake and FINs included
     * @param frames frames of the recording exported
     * @param bytes the size of the file
     */
    public record Summary(int packets, int frames, long bytes) {
    }

    /**
     * How far an export has come: {@code frames} of the recording's {@code framesTotal}
     * written, in {@code bytes} of pcap so far. Counts only grow from one report to the next.
     */
    public record Progress(int frames, int framesTotal, long bytes) {
    }

    private PcapExport() {
    }

    /**
     * Writes {@code recording} to {@code out} as pcap, replacing it.
     *
     * @throws RecorderException with one sentence when a line cannot be read or {@code out}
     *     cannot be written
     */
    public static Summary write(RecordingFile recording, Path out) throws RecorderException {
        return write(recording, out, p -> { });
    }

    /**
     * Writes as {@link #write(RecordingFile, Path)} does, telling {@code progress} how far it
     * has come: on the calling thread, at most every 200 ms while it writes and once more,
     * with the final counts, when every frame is written. The listener must be quick.
     */
    public static Summary write(RecordingFile recording, Path out, Consumer<Progress> progress)
            throws RecorderException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            Writer w = new Writer(recording.header(), os);
            return w.write(recording, progress);
        } catch (IOException e) {
            throw new RecorderException("could not write " + out + ": " + Recorder.reason(e) + ".", e);
        }
    }

    /** One export: the two ends' next sequence numbers and the packet counter. */
    private static final class Writer {
        private final OutputStream out;
        private final Instant started;
        private final Framing framing;
        private final byte[] clientIp;
        private final byte[] serverIp;
        private final int serverPort;
        private long clientSeq = CLIENT_ISN;
        private long serverSeq = SERVER_ISN;
        private int clientId;
        private int serverId;
        private int packets;
        private long bytes;
        private final byte[] packet = new byte[ETHERNET + IP + TCP + MAX_SEGMENT];

        Writer(RecordFormat.Header header, OutputStream out) {
            this.out = out;
            this.started = header.started();
            Framing f;
            try {
                f = Framing.parse(header.framing());
            } catch (IllegalArgumentException e) {
                f = null;
            }
            this.framing = f;
            byte[] ip = ipv4(header.host());
            this.serverIp = ip != null ? ip : new byte[] {10, 0, 0, 2};
            this.clientIp = serverIp[0] == 127 ? new byte[] {127, 0, 0, 1} : new byte[] {10, 0, 0, 1};
            this.serverPort = header.port() > 0 && header.port() <= 65_535 ? header.port() : 7;
        }

        Summary write(RecordingFile recording, Consumer<Progress> progress) throws IOException, RecorderException {
            int total = recording.framesOut() + recording.framesIn();
            long lastReport = System.nanoTime();
            globalHeader();
            long first = recording.size() > 0 ? recording.line(0).nanos() : 0;
            segment(true, first, SYN, Bytes.EMPTY, 0);
            clientSeq++;
            segment(false, first, SYN | ACK, Bytes.EMPTY, 0);
            serverSeq++;
            segment(true, first, ACK, Bytes.EMPTY, 0);
            int frames = 0;
            long last = first;
            for (int i = 0; i < recording.size(); i++) {
                RecordFormat.Dir dir = recording.dir(i);
                if (dir != null && !dir.isFrame()) {
                    continue;
                }
                RecordFormat.Line line = recording.line(i);
                last = Math.max(last, line.nanos());
                if (!line.dir().isFrame()) {
                    continue;
                }
                frames++;
                boolean fromClient = line.dir() == RecordFormat.Dir.OUT;
                Bytes wire = wire(line.bytes());
                for (int off = 0; off < wire.length() || off == 0; off += MAX_SEGMENT) {
                    int len = Math.min(MAX_SEGMENT, wire.length() - off);
                    segment(fromClient, line.nanos(), PSH | ACK, wire, off, len);
                    if (fromClient) {
                        clientSeq += len;
                    } else {
                        serverSeq += len;
                    }
                    if (wire.length() == 0) {
                        break;
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(new Progress(frames, total, bytes));
                }
            }
            segment(true, last, FIN | ACK, Bytes.EMPTY, 0);
            clientSeq++;
            segment(false, last, FIN | ACK, Bytes.EMPTY, 0);
            serverSeq++;
            segment(true, last, ACK, Bytes.EMPTY, 0);
            out.flush();
            progress.accept(new Progress(frames, total, bytes));
            return new Summary(packets, frames, bytes);
        }

        /** The frame as it went over the wire: in the recording's framing, or as it is. */
        private Bytes wire(Bytes payload) {
            if (framing == null) {
                return payload;
            }
            try {
                return Bytes.adopt(framing.encode(payload));
            } catch (IllegalArgumentException e) {
                return payload;
            }
        }

        private void globalHeader() throws IOException {
            byte[] h = new byte[24];
            le32(h, 0, 0xa1b2c3d4);
            le16(h, 4, 2);
            le16(h, 6, 4);
            le32(h, 16, ETHERNET + IP + TCP + MAX_SEGMENT);
            le32(h, 20, LINKTYPE_ETHERNET);
            out.write(h);
            bytes += h.length;
        }

        private void segment(boolean fromClient, long nanos, int flags, Bytes data, int len) throws IOException {
            segment(fromClient, nanos, flags, data, 0, len);
        }

        private void segment(boolean fromClient, long nanos, int flags, Bytes data, int off, int len)
                throws IOException {
            byte[] p = packet;
            int size = ETHERNET + IP + TCP + len;
            // Ethernet: locally administered addresses, 02:00:00:00:00:01 for the client, :02 for the server.
            Arrays.fill(p, 0, ETHERNET, (byte) 0);
            p[0] = 2;
            p[5] = (byte) (fromClient ? 2 : 1);
            p[6] = 2;
            p[11] = (byte) (fromClient ? 1 : 2);
            p[12] = 0x08;
            p[13] = 0x00;
            byte[] src = fromClient ? clientIp : serverIp;
            byte[] dst = fromClient ? serverIp : clientIp;
            int ip = ETHERNET;
            p[ip] = 0x45;
            p[ip + 1] = 0;
            be16(p, ip + 2, IP + TCP + len);
            be16(p, ip + 4, fromClient ? clientId++ : serverId++);
            be16(p, ip + 6, 0x4000);
            p[ip + 8] = 64;
            p[ip + 9] = 6;
            be16(p, ip + 10, 0);
            System.arraycopy(src, 0, p, ip + 12, 4);
            System.arraycopy(dst, 0, p, ip + 16, 4);
            be16(p, ip + 10, checksum(p, ip, IP, 0));
            int tcp = ip + IP;
            be16(p, tcp, fromClient ? CLIENT_PORT : serverPort);
            be16(p, tcp + 2, fromClient ? serverPort : CLIENT_PORT);
            be32(p, tcp + 4, fromClient ? clientSeq : serverSeq);
            be32(p, tcp + 8, (flags & ACK) != 0 ? (fromClient ? serverSeq : clientSeq) : 0);
            p[tcp + 12] = 0x50;
            p[tcp + 13] = (byte) flags;
            be16(p, tcp + 14, 65_535);
            be16(p, tcp + 16, 0);
            be16(p, tcp + 18, 0);
            for (int i = 0; i < len; i++) {
                p[tcp + TCP + i] = data.get(off + i);
            }
            long pseudo = sum16(src, 0, 4) + sum16(dst, 0, 4) + 6 + TCP + len;
            be16(p, tcp + 16, checksum(p, tcp, TCP + len, pseudo));
            Instant at = started.plusNanos(nanos);
            byte[] rec = new byte[16];
            le32(rec, 0, (int) at.getEpochSecond());
            le32(rec, 4, at.getNano() / 1000);
            le32(rec, 8, size);
            le32(rec, 12, size);
            out.write(rec);
            out.write(p, 0, size);
            bytes += rec.length + size;
            packets++;
        }
    }

    /** The Internet checksum (RFC 1071) of {@code len} bytes at {@code off}, plus {@code initial}. */
    static int checksum(byte[] a, int off, int len, long initial) {
        long sum = initial + sum16(a, off, len);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sum16(byte[] a, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((a[off + i] & 0xff) << 8) | (a[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (a[off + i] & 0xff) << 8;
        }
        return sum;
    }

    /** {@code host} as four bytes when it is a dotted IPv4 address, else {@code null}; never a name look-up. */
    static byte[] ipv4(String host) {
        if (host == null) {
            return null;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            ip[i] = (byte) v;
        }
        return ip;
    }

    private static void be16(byte[] a, int off, int v) {
        a[off] = (byte) (v >>> 8);
        a[off + 1] = (byte) v;
    }

    private static void be32(byte[] a, int off, long v) {
        a[off] = (byte) (v >>> 24);
        a[off + 1] = (byte) (v >>> 16);
        a[off + 2] = (byte) (v >>> 8);
        a[off + 3] = (byte) v;
    }

    private static void le16(byte[] a, int off, int v) {
        a[off] = (byte) v;
        a[off + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] a, int off, int v) {
        a[off] = (byte) v;
        a[off + 1] = (byte) (v >>> 8);
        a[off + 2] = (byte) (v >>> 16);
        a[off + 3] = (byte) (v >>> 24);
    }
}
