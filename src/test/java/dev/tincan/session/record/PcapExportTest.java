package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcap export, read by a parser Tincan did not write: Wireshark's {@code tshark}. Without
 * tshark on the PATH the test is skipped with a line saying so ({@code apt-get install tshark}).
 */
class PcapExportTest {
    private static final Instant START = Instant.parse("2026-11-30T08:31:02.123Z");

    @TempDir
    Path dir;

    private Path recording(List<RecordFormat.Line> lines) throws IOException {
        StringBuilder sb = new StringBuilder(RecordFormat.header(
                new RecordFormat.Header(START, "127.0.0.1", 50009, "line", 1 << 20))).append('\n');
        for (RecordFormat.Line l : lines) {
            RecordFormat.line(sb, l, START).append('\n');
        }
        return Files.writeString(dir.resolve("talk.jsonl"), sb, StandardCharsets.UTF_8);
    }

    private static String tshark() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                return Path.of(d, "tshark").toString();
            }
        }
        return null;
    }

    private static List<String> run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("tshark ends").isTrue();
        assertThat(p.exitValue()).as("tshark's exit code").isZero();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void progressCountsOnlyGrowAndTheLastReportHasTheFinalCounts() throws Exception {
        List<RecordFormat.Line> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(RecordFormat.Line.frame(i + 1, i * 1000L, i % 2 == 0 ? RecordFormat.Dir.OUT
                    : RecordFormat.Dir.IN, Bytes.utf8("frame " + i)));
        }
        lines.add(RecordFormat.Line.words(20_001, 20_000_000L, RecordFormat.Dir.EVENT, "closed"));
        List<PcapExport.Progress> reports = new ArrayList<>();
        PcapExport.Summary summary;
        try (RecordingFile rec = RecordingFile.open(recording(lines))) {
            summary = PcapExport.write(rec, dir.resolve("talk.pcap"), reports::add);
        }

        assertThat(reports).isNotEmpty();
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).frames()).as("frames, report %d of %s", i, reports)
                    .isGreaterThanOrEqualTo(reports.get(i - 1).frames());
            assertThat(reports.get(i).bytes()).as("bytes, report %d of %s", i, reports)
                    .isGreaterThan(reports.get(i - 1).bytes());
        }
        assertThat(reports.get(reports.size() - 1)).isEqualTo(new PcapExport.Progress(20_000, 20_000,
                summary.bytes()));
        assertThat(summary.bytes()).isEqualTo(Files.size(dir.resolve("talk.pcap")));
    }

    @Test
    void tsharkSeesOneWellFormedConnectionCarryingTheFramesOnTheWire() throws Exception {
        String tshark = tshark();
        assumeTrue(tshark != null, "tshark is not installed: the pcap export is not checked by an outside parser "
                + "(apt-get install tshark)");
        byte[] big = new byte[150_000];
        Arrays.fill(big, (byte) 'x');
        List<RecordFormat.Line> lines = List.of(
                RecordFormat.Line.words(1, 0, RecordFormat.Dir.EVENT, "connected"),
                RecordFormat.Line.frame(2, 1_000, RecordFormat.Dir.OUT, Bytes.utf8("hello")),
                RecordFormat.Line.frame(3, 2_500_000, RecordFormat.Dir.IN, Bytes.utf8("hello back")),
                RecordFormat.Line.frame(4, 3_000_000, RecordFormat.Dir.OUT, Bytes.of(big)),
                RecordFormat.Line.frame(5, 1_003_000_000, RecordFormat.Dir.IN, Bytes.utf8("big one")),
                RecordFormat.Line.words(6, 1_004_000_000, RecordFormat.Dir.EVENT, "closed"));
        Path pcap = dir.resolve("talk.pcap");
        PcapExport.Summary summary;
        try (RecordingFile rec = RecordingFile.open(recording(lines))) {
            summary = PcapExport.write(rec, pcap);
        }
        assertThat(summary.frames()).isEqualTo(4);

        List<String> packets = run(tshark, "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:TRUE", "-T", "fields",
                "-E", "separator=|", "-e", "ip.src", "-e", "tcp.srcport", "-e", "tcp.flags", "-e", "tcp.seq",
                "-e", "tcp.ack", "-e", "tcp.len", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
                "-e", "tcp.analysis.flags", "-e", "frame.time_epoch");
        // The 150 000-byte frame plus its line end is three segments: 65 495 + 65 495 + 19 011.
        assertThat(packets).hasSize(summary.packets()).hasSize(3 + 6 + 3);
        List<String> shape = new ArrayList<>();
        for (String p : packets) {
            String[] f = p.split("\\|", -1);
            assertThat(f[6]).as("IPv4 checksum of %s is good", p).isEqualTo("1");
            assertThat(f[7]).as("TCP checksum of %s is good", p).isEqualTo("1");
            assertThat(f[8]).as("tshark's TCP analysis finds nothing wrong with %s", p).isEmpty();
            shape.add(String.join(" ", f[1], f[2], f[3], f[4], f[5]));
        }
        assertThat(shape).containsExactly(
                "49152 0x0002 0 0 0",
                "50009 0x0012 0 1 0",
                "49152 0x0010 1 1 0",
                "49152 0x0018 1 1 6",
                "50009 0x0018 1 7 11",
                "49152 0x0018 7 12 65495",
                "49152 0x0018 65502 12 65495",
                "49152 0x0018 130997 12 19011",
                "50009 0x0018 12 150008 8",
                "49152 0x0011 150008 20 0",
                "50009 0x0011 20 150009 0",
                "49152 0x0010 150009 21 0");
        assertThat(packets.get(4)).as("the time of a frame is the recording's").endsWith("|1796027462.125500000");
        assertThat(packets.get(8)).endsWith("|1796027463.126000000");

        List<String> follow = run(tshark, "-r", pcap.toString(), "-q", "-z", "follow,tcp,raw,0");
        StringBuilder client = new StringBuilder();
        StringBuilder server = new StringBuilder();
        for (String line : follow) {
            if (line.matches("\t?[0-9a-f]+")) {
                (line.startsWith("\t") ? server : client).append(line.strip());
            }
        }
        byte[] out = new byte[5 + 1 + big.length + 1];
        System.arraycopy("hello\n".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(big, 0, out, 6, big.length);
        out[out.length - 1] = '\n';
        assertThat(client.toString()).as("the client's stream is the sent frames, each with its line end")
                .isEqualTo(Hex.encode(out));
        assertThat(server.toString()).as("the server's stream is the received frames")
                .isEqualTo(Hex.encode("hello back\nbig one\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
