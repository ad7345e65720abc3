package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SequenceRunner} against the companion echo server on 127.0.0.1. */
class SequenceRunnerTest {
    private static final Function<String, Bytes> LIBRARY = name -> {
        if (name.startsWith("missing")) {
            throw new IllegalArgumentException("no message called '" + name + "' in the library.");
        }
        return Bytes.utf8(name.toUpperCase(java.util.Locale.ROOT));
    };

    private CompanionServer server;
    private ClientOutbox out;
    private final Recorder recorder = new Recorder();

    /** Keeps the steps begun and the finish. */
    static final class Recorder implements SequenceRunner.Listener {
        final List<Integer> steps = new CopyOnWriteArrayList<>();
        final BlockingQueue<Integer> begun = new ArrayBlockingQueue<>(100);
        final BlockingQueue<String> sentences = new ArrayBlockingQueue<>(2);
        volatile boolean failed;
        volatile Runnable onStep0 = () -> { };

        @Override
        public void step(int index, Sequence.Step step) {
            steps.add(index);
            begun.add(index);
            if (index == 0) {
                onStep0.run();
            }
        }

        @Override
        public void finished(String sentence, boolean failed) {
            this.failed = failed;
            sentences.add(sentence);
        }

        String await() throws InterruptedException {
            String s = sentences.poll(5, TimeUnit.SECONDS);
            assertThat(s).as("finish sentence within 5 s").isNotNull();
            return s;
        }
    }

    @BeforeEach
    void connect() throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        out = new ClientOutbox(server.port(), ConnectOptions.defaults());
    }

    @AfterEach
    void close() {
        out.close();
        server.close();
        Threads.assertNoneLeft("tincan-sequence");
    }

    private SequenceRunner runner(Sequence.Step... steps) {
        SequenceRunner r = new SequenceRunner(new Sequence("greet", List.of(steps)), LIBRARY, out, recorder);
        out.onReceived(r::received);
        return r;
    }

    @Test
    void runsSendsPausesAndAwaitsInOrderAndSaysDone() throws Exception {
        SequenceRunner r = runner(new Sequence.Send("hello"), new Sequence.AwaitReply("HEL+O", Duration.ofSeconds(2)),
                new Sequence.Pause(Duration.ofMillis(20)), new Sequence.Send("bye"),
                new Sequence.AwaitReply("^BYE$", Duration.ofSeconds(2)));
        r.start();

        assertThat(recorder.await()).isEqualTo("sequence 'greet' done: 5 steps.");
        assertThat(recorder.failed).isFalse();
        assertThat(recorder.steps).containsExactly(0, 1, 2, 3, 4);
        assertThat(r.currentStep()).isEqualTo(4);
        assertThat(r.await(1000)).isTrue();
        assertThat(r.isRunning()).isFalse();
    }

    @Test
    void aSendTheConnectionRefusesEndsTheRunWithItsSentence() throws Exception {
        out.closeConnection();
        out.others.poll(5, TimeUnit.SECONDS);
        SequenceRunner r = runner(new Sequence.Send("hello"), new Sequence.Send("never"));
        r.start();

        assertThat(recorder.await()).isEqualTo("sequence 'greet' step 1 cannot send 'hello': not connected: connect "
                + "first, then send.");
        assertThat(recorder.failed).isTrue();
        assertThat(recorder.steps).containsExactly(0);
    }

    @Test
    void aTimedOutAwaitEndsTheRunNamingStepPatternAndTimeout() throws Exception {
        SequenceRunner r = runner(new Sequence.Send("hello"), new Sequence.AwaitReply("GOODBYE", Duration.ofMillis(150)),
                new Sequence.Send("never"));
        r.start();

        assertThat(recorder.await()).isEqualTo("sequence 'greet' step 2 timed out: no reply matched 'GOODBYE' "
                + "within 150ms.");
        assertThat(recorder.failed).isTrue();
        assertThat(recorder.steps).containsExactly(0, 1);
    }

    @Test
    void aFrameThatArrivedBeforeTheAwaitBeganDoesNotCount() throws Exception {
        SequenceRunner r = runner(new Sequence.AwaitReply("early", Duration.ofMillis(150)));
        r.received(Bytes.utf8("early"));
        r.start();

        assertThat(recorder.await()).startsWith("sequence 'greet' step 1 timed out");
    }

    @Test
    void theReplyToTheSendJustBeforeAnAwaitCountsHoweverFastItCame() throws Exception {
        java.util.concurrent.CountDownLatch echoed = new java.util.concurrent.CountDownLatch(1);
        // An outbox whose put returns only once the echo has been handed to the runner.
        Outbox slow = new Outbox() {
            @Override
            public String offer(Bytes payload) {
                throw new AssertionError("the runner puts");
            }

            @Override
            public String put(Bytes payload, long timeoutMillis) throws InterruptedException {
                String why = out.put(payload, timeoutMillis);
                assertThat(echoed.await(5, TimeUnit.SECONDS)).as("echo within 5 s").isTrue();
                return why;
            }
        };
        SequenceRunner r = new SequenceRunner(new Sequence("greet", List.of(new Sequence.Send("fast"),
                new Sequence.AwaitReply("FAST", Duration.ofMillis(500)))), LIBRARY, slow, recorder);
        out.onReceived(r::received);
        out.onReceived(frame -> echoed.countDown());
        r.start();

        assertThat(recorder.await()).isEqualTo("sequence 'greet' done: 2 steps.");
    }

    @Test
    void framesAreMatchedByteForByteAsIso88591() throws Exception {
        SequenceRunner r = runner(new Sequence.AwaitReply("\\x00\\xc3\\xa9$", Duration.ofSeconds(2)));
        r.start();
        assertThat(recorder.begun.poll(5, TimeUnit.SECONDS)).isZero();

        r.received(Bytes.of(new byte[] {'a', 0, (byte) 0xc3, (byte) 0xa9}));

        assertThat(recorder.await()).isEqualTo("sequence 'greet' done: 1 step.");
    }

    @Test
    void pauseHoldsBeforeTheNextStepUntilResumed() throws Exception {
        // Paused as step 0 begins: the send of step 0 still goes, step 1 waits.
        SequenceRunner held = runner(new Sequence.Send("one"), new Sequence.Send("two"));
        recorder.onStep0 = held::pause;
        held.start();

        assertThat(out.frames.poll(5, TimeUnit.SECONDS).utf8()).isEqualTo("ONE");
        assertThat(out.frames.poll(300, TimeUnit.MILLISECONDS)).as("a frame while paused").isNull();
        assertThat(held.currentStep()).isZero();
        assertThat(held.isPaused()).isTrue();

        held.resume();
        assertThat(recorder.await()).isEqualTo("sequence 'greet' done: 2 steps.");
        assertThat(out.frames.poll(5, TimeUnit.SECONDS).utf8()).isEqualTo("TWO");
    }

    @Test
    void stopEndsAnAwaitWithinMilliseconds() throws Exception {
        SequenceRunner r = runner(new Sequence.AwaitReply("x", Duration.ofSeconds(30)));
        r.start();
        assertThat(recorder.begun.poll(5, TimeUnit.SECONDS)).isZero();

        long before = System.nanoTime();
        r.stop();

        assertThat(recorder.await()).isEqualTo("sequence 'greet' stopped by the user at step 1 of 1.");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(200);
        assertThat(recorder.failed).isFalse();
    }

    @Test
    void aMessageThatCannotBeResolvedEndsTheRunWithItsSentence() throws Exception {
        SequenceRunner r = runner(new Sequence.Send("missing-one"));
        r.start();

        assertThat(recorder.await()).isEqualTo("sequence 'greet' step 1 cannot send 'missing-one': no message called "
                + "'missing-one' in the library.");
        assertThat(recorder.failed).isTrue();
    }

    @Test
    void aBadPatternIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> runner(new Sequence.Send("a"), new Sequence.AwaitReply("(oops", Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("step 2 of 'greet' waits for '(oops', which is not a regular expression: ");
    }
}
