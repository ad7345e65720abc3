package dev.tincan.session.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Repeater;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.testing.LoopbackServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rules in a session without a window, over real sockets on 127.0.0.1: a scripted device
 * pushes frames, the session's rules answer on the engine's thread, and the device reads
 * what came back. The test's own thread drains the session, as {@code connect} does.
 */
class SessionRulesTest {
    private static final long WAIT_MILLIS = 5000;
    /**
     * How long one take waits for a reply, as connect's does: a note made on another thread
     * (a snapshot's, written on a thread of its own) wakes no take, so a take left waiting for
     * a reply that never comes would hold back a note that came long before.
     */
    private static final long POLL_MILLIS = 50;
    private static final Path FOLDER = Path.of("target", "test-rules");

    private final Session session = new Session();
    private final SessionRules rules = SessionRules.attach(session, FOLDER);
    private final List<TranscriptRow> rows = new ArrayList<>();
    /** What the device read, line by line. */
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>(100_000);
    private LoopbackServer device;
    private Socket peer;

    SessionRulesTest() {
        session.start();
    }

    @AfterEach
    void shutDown() throws Exception {
        rules.close();
        session.shutdown();
        assertThat(session.awaitStopped(2000)).as("the client thread ends").isTrue();
        if (device != null) {
            device.close();
        }
    }

    /** Connects to a device that keeps what it reads in {@link #heard}; returns its socket. */
    private void connect(String framing) throws Exception {
        device = LoopbackServer.start(s -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                heard.add(line);
            }
        });
        assertThat(session.connect("127.0.0.1", device.port(), Framing.parse(framing))).isNull();
        peer = device.awaitConnection();
        drainUntil(rs -> session.status().isConnected());
    }

    private void push(String... lines) throws IOException {
        OutputStream out = peer.getOutputStream();
        for (String line : lines) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private void pushBytes(byte[] frame) throws IOException {
        OutputStream out = peer.getOutputStream();
        out.write(frame);
        out.write('\n');
        out.flush();
    }

    private String next() throws InterruptedException {
        String line = heard.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("the device heard nothing within " + WAIT_MILLIS + " ms");
        }
        return line;
    }

    private void drainUntil(Predicate<List<TranscriptRow>> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        rows.addAll(session.changes().rows());
        while (!done.test(rows)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the rows never got there; the last of " + rows.size() + " are: "
                        + rows.subList(Math.max(0, rows.size() - 10), rows.size()));
            }
            session.take(1000, Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            rows.addAll(session.changes().rows());
        }
    }

    private static Predicate<List<TranscriptRow>> note(String text) {
        return rs -> rs.stream().anyMatch(r -> r.kind() == TranscriptRow.Kind.NOTE && r.message().contains(text));
    }

    private static Rule reply(String name, Match match, String template) {
        return new Rule(name, match, List.of(new Action.Reply(template, false, Duration.ZERO)));
    }

    @Test
    void anExactMatchAnswersOnlyTheWholeFrame() throws Exception {
        rules.setRules(List.of(reply("ping", Match.text(Match.Kind.EXACT, "PING"), "PONG")));
        connect("line");
        push("PING!", "PING");
        assertThat(next()).isEqualTo("PONG");
        push("PING");
        assertThat(next()).isEqualTo("PONG");
        assertThat(heard).isEmpty();
        assertThat(rules.engine().stats("ping").fired()).isEqualTo(2);
    }

    @Test
    void aPrefixMatchAnswersFramesThatStartWithIt() throws Exception {
        rules.setRules(List.of(reply("get", Match.text(Match.Kind.PREFIX, "GET "), "got {{frame}}")));
        connect("line");
        push("no GET here", "GET /x");
        assertThat(next()).isEqualTo("got GET /x");
    }

    @Test
    void aContainsMatchFindsItsBytesAnywhere() throws Exception {
        rules.setRules(List.of(reply("err", new Match(Match.Kind.CONTAINS, "45 52 52", true), "seen {{0}}")));
        connect("line");
        push("all fine", "status: ERR 7");
        assertThat(next()).isEqualTo("seen ERR");
    }

    @Test
    void aRegexMatchAnswersWithItsGroups() throws Exception {
        rules.setRules(List.of(reply("login", Match.text(Match.Kind.REGEX, "^LOGIN (\\w+) (?<pin>\\d+)$"),
                "hello {{1}}, pin {{group:pin}}")));
        connect("line");
        push("LOGIN alice x", "LOGIN bob 1234");
        assertThat(next()).isEqualTo("hello bob, pin 1234");
    }

    @Test
    void aHexPatternMatchesWholeFramesWithWildcardsAsGroups() throws Exception {
        rules.setRules(List.of(new Rule("stx", new Match(Match.Kind.HEX, "02 ?? * 03", false),
                List.of(new Action.Reply("06 {{1}} {{2}} 21", true, Duration.ZERO)))));
        connect("line");
        pushBytes(new byte[] {2, 'A', 3, 'x'});
        pushBytes(new byte[] {2, 'A', 'B', 'C', 3});
        assertThat(next()).isEqualTo("\u0006ABC!");
        assertThat(heard).isEmpty();
    }

    @Test
    void aTemplateFillsInTheFrameAsHexTheCounterAndAField() throws Exception {
        rules.setRules(List.of(reply("id", Match.text(Match.Kind.PREFIX, "id="),
                "#{{counter}} {{frame:hex}} {{field:id=(\\d+)}}")));
        connect("line");
        push("id=42", "id=7");
        assertThat(next()).isEqualTo("#1 69643d3432 42");
        assertThat(next()).isEqualTo("#2 69643d37 7");
    }

    @Test
    void everyMatchingRuleFiresInOrderUntilOneSaysStop() throws Exception {
        rules.setRules(List.of(reply("first", Match.text(Match.Kind.CONTAINS, "x"), "one"),
                new Rule("second", Match.text(Match.Kind.CONTAINS, "x"), List.of(
                        new Action.Reply("two", false, Duration.ZERO), new Action.StopRules())),
                reply("third", Match.text(Match.Kind.CONTAINS, "x"), "three"),
                reply("other", Match.text(Match.Kind.CONTAINS, "y"), "why")));
        connect("line");
        push("x", "y");
        assertThat(List.of(next(), next(), next())).containsExactly("one", "two", "why");
        assertThat(rules.engine().stats("third").fired()).isZero();
    }

    @Test
    void aDisabledRuleLooksAtNothing() throws Exception {
        rules.setRules(List.of(reply("off", Match.text(Match.Kind.CONTAINS, "x"), "no").withEnabled(false),
                reply("on", Match.text(Match.Kind.CONTAINS, "x"), "yes")));
        connect("line");
        push("x");
        assertThat(next()).isEqualTo("yes");
        assertThat(rules.engine().stats("off").fired()).isZero();
    }

    @Test
    void aDelayedReplyGoesOutNoSoonerThanItsDelayAfterTheFrame() throws Exception {
        rules.setRules(List.of(new Rule("slow", Match.text(Match.Kind.EXACT, "ask"),
                List.of(new Action.Reply("answer", false, Duration.ofMillis(200))))));
        connect("line");
        push("ask");
        assertThat(next()).isEqualTo("answer");
        drainUntil(rs -> rs.stream().anyMatch(r -> r.kind() == TranscriptRow.Kind.SENT));
        TranscriptRow asked = rows.stream().filter(r -> r.kind() == TranscriptRow.Kind.RECEIVED).findFirst()
                .orElseThrow();
        TranscriptRow answered = rows.stream().filter(r -> r.kind() == TranscriptRow.Kind.SENT).findFirst()
                .orElseThrow();
        assertThat(answered.nanos() - asked.nanos()).as("engine stamps of the frame and of the answer")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void delayedRepliesBeyondTheBoundAreRefusedWithANote() throws Exception {
        rules.setRules(List.of(new Rule("later", true, Match.text(Match.Kind.PREFIX, "n"),
                List.of(new Action.Reply("much later", false, Duration.ofMinutes(10))), 100_000)));
        connect("line");
        String[] frames = new String[DelayedReplies.MAX_PENDING + 3];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = "n" + i;
        }
        push(frames);
        drainUntil(rs -> rs.stream().filter(r -> r.kind() == TranscriptRow.Kind.NOTE).count() == 3
                && rs.stream().filter(r -> r.kind() == TranscriptRow.Kind.RECEIVED).count() == frames.length);
        assertThat(rows).filteredOn(r -> r.kind() == TranscriptRow.Kind.NOTE).first()
                .extracting(TranscriptRow::message).asString()
                .isEqualTo("rule 'later' could not reply after 600000 ms: 1 024 delayed replies are waiting already, "
                        + "the most allowed; this frame gets none.");
        assertThat(rules.engine().pendingReplies()).isEqualTo(DelayedReplies.MAX_PENDING);
    }

    @Test
    void aNoteFollowsTheMatchedFrameWhichIsMarked() throws Exception {
        rules.setRules(List.of(new Rule("alarm", Match.text(Match.Kind.CONTAINS, "ALARM"),
                List.of(new Action.Mark(), new Action.Note("the device raised an alarm")))));
        connect("line");
        push("calm", "ALARM 3", "calm again");
        drainUntil(rs -> rs.stream().anyMatch(r -> r.isFrame() && r.payload().equals(Bytes.utf8("calm again"))));
        int alarm = rows.indexOf(rows.stream().filter(r -> r.isFrame() && r.payload().equals(Bytes.utf8("ALARM 3")))
                .findFirst().orElseThrow());
        assertThat(rows.get(alarm).marked()).isTrue();
        assertThat(rows.get(alarm + 1).kind()).isEqualTo(TranscriptRow.Kind.NOTE);
        assertThat(rows.get(alarm + 1).message()).isEqualTo("rule 'alarm': the device raised an alarm");
        assertThat(rows.get(alarm - 1).marked()).isFalse();
    }

    @Test
    void aRuleStopsTheRepeatRunningInTheSession() throws Exception {
        rules.setRules(List.of(new Rule("enough", Match.text(Match.Kind.EXACT, "enough"),
                List.of(new Action.StopRepeat()))));
        connect("line");
        BlockingQueue<String> finished = new ArrayBlockingQueue<>(1);
        Repeater repeater = new Repeater(() -> Bytes.utf8("tick"), 0, Duration.ofMillis(5), session,
                (sentence, failed) -> finished.add(sentence));
        assertThat(session.repeats().add(repeater)).isTrue();
        repeater.start();
        assertThat(next()).isEqualTo("tick");
        push("enough");
        String sentence = finished.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(sentence).as("the repeat ended").startsWith("stopped by the user after");
        drainUntil(note("rule 'enough' stopped the repeat."));
        assertThat(session.repeats().running()).isZero();
    }

    @Test
    void aSnapshotWritesTheLastFramesBothWaysAndReadsBackAsARecording() throws Exception {
        Path file = FOLDER.resolve("snapshot-" + System.nanoTime() + ".jsonl");
        Files.deleteIfExists(file);
        rules.setRules(List.of(reply("echo", Match.text(Match.Kind.PREFIX, "q"), "a{{frame}}"),
                new Rule("dump", Match.text(Match.Kind.EXACT, "dump"),
                        List.of(new Action.Snapshot(4, file.getFileName().toString())))));
        connect("line");
        push("q1");
        assertThat(next()).isEqualTo("aq1");
        push("q2");
        assertThat(next()).isEqualTo("aq2");
        push("dump");
        drainUntil(note("rule 'dump' saved 4 frames to " + file.getFileName() + " in "
                + file.toAbsolutePath().getParent() + "."));

        List<String> lines = Files.readAllLines(file);
        RecordFormat.Header header = RecordFormat.parseHeader(lines.get(0));
        assertThat(header.port()).isEqualTo(device.port());
        assertThat(header.framing()).isEqualTo("line");
        List<String> frames = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            RecordFormat.Line l = RecordFormat.parseLine(line);
            frames.add(l.dir().word() + " " + l.bytes().utf8());
        }
        assertThat(frames).containsExactly("out aq1", "in q2", "out aq2", "in dump");
    }

    @Test
    void aRuleThatFiresTooOftenPausesWithANoteUntilResumed() throws Exception {
        rules.setRules(List.of(new Rule("loop", true, Match.text(Match.Kind.PREFIX, "go"),
                List.of(new Action.Reply("again", false, Duration.ZERO)), 5)));
        connect("line");
        String[] frames = new String[20];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = "go " + i;
        }
        push(frames);
        drainUntil(note("rule 'loop' paused: it fired more than 5 times within a second, which looks like a loop; "
                + "switch it back on to resume."));
        for (int i = 0; i < 5; i++) {
            assertThat(next()).isEqualTo("again");
        }
        RuleStats stats = rules.engine().stats("loop");
        assertThat(stats.isPaused()).isTrue();
        assertThat(stats.fired()).isEqualTo(5);
        drainUntil(rs -> rs.stream().filter(r -> r.kind() == TranscriptRow.Kind.RECEIVED).count() == frames.length);
        assertThat(heard).as("no reply after the pause").isEmpty();

        rules.engine().resume("loop");
        push("go on");
        assertThat(next()).isEqualTo("again");
        assertThat(stats.isPaused()).isFalse();
    }

    @Test
    void aReplyThatCannotBeFilledInIsANoteAndNothingIsSent() throws Exception {
        rules.setRules(List.of(reply("field", Match.text(Match.Kind.PREFIX, "x"), "{{field:id=(\\d+)}}"),
                reply("after", Match.text(Match.Kind.PREFIX, "x"), "after")));
        connect("line");
        push("x without an id");
        assertThat(next()).isEqualTo("after");
        drainUntil(note("rule 'field' could not reply: {{field:id=(\\d+)}} at character 1 found no match"));
    }
}
