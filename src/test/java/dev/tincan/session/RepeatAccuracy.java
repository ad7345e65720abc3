package dev.tincan.session;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures how closely a {@link Repeater} keeps its interval against the companion echo
 * server on 127.0.0.1: for 1 ms, 10 ms and 100 ms, the mean and 99th percentile of
 * |actual interval - T| between consecutive {@code Sent} stamps, and how many times it fell
 * behind. Run with {@code java -cp target/classes:target/test-classes:... dev.tincan.session.RepeatAccuracy}.
 */
public final class RepeatAccuracy {
    private RepeatAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            measure(server.port(), Duration.ofMillis(1), 3000);
            measure(server.port(), Duration.ofMillis(10), 500);
            measure(server.port(), Duration.ofMillis(100), 100);
        }
    }

    private static void measure(int port, Duration interval, int count) throws Exception {
        try (ClientOutbox out = new ClientOutbox(port, ConnectOptions.defaults())) {
            CountDownLatch done = new CountDownLatch(1);
            String[] sentence = new String[1];
            Repeater r = new Repeater(() -> Bytes.utf8("tick"), count, interval, out, (s, failed) -> {
                sentence[0] = s;
                done.countDown();
            });
            r.start();
            if (!done.await(count * interval.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("repeat did not finish");
            }
            long[] t = new long[count];
            for (int i = 0; i < count; i++) {
                Long v = out.sentNanos.poll(5, TimeUnit.SECONDS);
                if (v == null) {
                    throw new AssertionError("send " + (i + 1) + " not confirmed");
                }
                t[i] = v;
            }
            long tn = interval.toNanos();
            long[] dev = new long[count - 1];
            double sum = 0;
            for (int i = 1; i < count; i++) {
                dev[i - 1] = Math.abs(t[i] - t[i - 1] - tn);
                sum += dev[i - 1];
            }
            Arrays.sort(dev);
            double mean = sum / dev.length / 1e3;
            double p99 = dev[(int) Math.ceil(dev.length * 0.99) - 1] / 1e3;
            double max = dev[dev.length - 1] / 1e3;
            double drift = ((t[count - 1] - t[0]) - (long) (count - 1) * tn) / 1e3;
            System.out.printf(Locale.ROOT, "T=%-6s n=%-5d mean|dT|=%8.1f us  p99=%8.1f us  max=%8.1f us  "
                    + "fell behind=%d  end drift=%8.1f us  (%s)%n", interval.toMillis() + "ms", count, mean, p99, max,
                    r.lateSends(), drift, sentence[0]);
        }
    }
}
