package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A closed or empty standard input is no input: nothing is sent. With descriptor 0 closed
 * the JVM puts one of its own files there (its runtime image), which must not be read as
 * the person's messages. Runs Tincan as a process of its own, against a server on
 * 127.0.0.1 that counts what it receives.
 */
class StandardInputTest {

    /** A server that counts the bytes of each connection and reports the count when the client closes. */
    private static LoopbackServer counting(BlockingQueue<Long> counts) throws Exception {
        return LoopbackServer.start(socket -> {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
            }
            counts.add(total);
        });
    }

    private static long nextCount(BlockingQueue<Long> counts) throws InterruptedException {
        Long count = counts.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(count).as("the connection ended within " + ReplyRecorder.TIMEOUT_MILLIS + " ms").isNotNull();
        return count;
    }

    @Test
    void connectWithStandardInputClosedSendsNothing() throws Exception {
        BlockingQueue<Long> counts = new ArrayBlockingQueue<>(4);
        try (LoopbackServer server = counting(counts)) {
            TincanProcess.Result r = TincanProcess.create().stdinClosed()
                    .run("connect", "--linger", "100ms", "127.0.0.1", Integer.toString(server.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).doesNotContain("error:");
            assertThat(nextCount(counts)).isZero();
        }
    }

    @Test
    void sendWithStandardInputClosedHasNoMessages() throws Exception {
        BlockingQueue<Long> counts = new ArrayBlockingQueue<>(4);
        try (LoopbackServer server = counting(counts)) {
            TincanProcess.Result r = TincanProcess.create().stdinClosed()
                    .run("send", "127.0.0.1", Integer.toString(server.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEmpty();
            assertThat(nextCount(counts)).isZero();
        }
    }

    @Test
    void connectWithAnEmptyStandardInputSendsNothing() throws Exception {
        BlockingQueue<Long> counts = new ArrayBlockingQueue<>(4);
        try (LoopbackServer server = counting(counts)) {
            TincanProcess.Result r = TincanProcess.create().stdin("")
                    .run("connect", "--linger", "100ms", "127.0.0.1", Integer.toString(server.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(nextCount(counts)).isZero();
        }
    }

    @Test
    void aPipedStandardInputIsStillRead() throws Exception {
        BlockingQueue<Long> counts = new ArrayBlockingQueue<>(4);
        try (LoopbackServer server = counting(counts)) {
            TincanProcess.Result r = TincanProcess.create().stdin("hi\n")
                    .run("connect", "--linger", "100ms", "127.0.0.1", Integer.toString(server.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(nextCount(counts)).isEqualTo(3);
        }
    }

    @Test
    void theJvmsOwnFilesOnDescriptorZeroMeanNoInput() {
        String home = "/usr/lib/jvm/java-17";
        String classPath = "/opt/tincan/tincan.jar" + java.io.File.pathSeparator + "/opt/tincan/lib";
        assertThat(StandardInput.isOwnFile(home + "/lib/modules", home, classPath)).isTrue();
        assertThat(StandardInput.isOwnFile("/opt/tincan/tincan.jar", home, classPath)).isTrue();
        assertThat(StandardInput.isOwnFile("/dev/null", home, classPath)).isFalse();
        assertThat(StandardInput.isOwnFile("/dev/pts/3", home, classPath)).isFalse();
        assertThat(StandardInput.isOwnFile("pipe:[41007]", home, classPath)).isFalse();
        assertThat(StandardInput.isOwnFile("/home/me/messages.txt", home, classPath)).isFalse();
    }
}
