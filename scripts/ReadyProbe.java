import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How long a command takes to be ready, for {@code scripts/startup.sh}: starts COMMAND, and
 * prints the milliseconds from starting it until a line of its standard output or error
 * contains TEXT; then stops it (and its children). Standard input stays open and empty, as
 * a person at a terminal who types nothing. Prints {@code timeout} and exits 1 when TEXT
 * does not come within 30 s.
 *
 * <pre>java -cp DIR ReadyProbe TEXT COMMAND [ARG...]</pre>
 */
public final class ReadyProbe {
    private ReadyProbe() {
    }

    public static void main(String[] args) throws Exception {
        String text = args[0];
        ProcessBuilder builder = new ProcessBuilder(Arrays.copyOfRange(args, 1, args.length));
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        long start = System.nanoTime();
        Process process = builder.start();
        watch(process.getInputStream(), text, seen);
        watch(process.getErrorStream(), text, seen);
        Long at = seen.poll(30, TimeUnit.SECONDS);
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (at == null) {
            System.out.println("timeout");
            System.exit(1);
        }
        System.out.println((at - start) / 1_000_000);
        System.exit(0);
    }

    private static void watch(InputStream stream, String text, BlockingQueue<Long> seen) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains(text)) {
                        seen.offer(System.nanoTime());
                    }
                }
            } catch (java.io.IOException e) {
                // The process was stopped.
            }
        });
        reader.setDaemon(true);
        reader.start();
    }
}
