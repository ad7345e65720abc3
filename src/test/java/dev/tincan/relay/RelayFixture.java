package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A relay between a test's client socket and a test's server socket, all on 127.0.0.1 port
 * 0: {@link #open()} connects a client through the relay and accepts it at the server.
 * Events are read with {@link #await}, which fails loudly after 5 s.
 */
final class RelayFixture implements AutoCloseable {
    static final long TIMEOUT_MILLIS = 5000;

    final ServerSocket server;
    final Relay relay;
    final List<RelayEvent> seen = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    RelayFixture(java.util.function.UnaryOperator<RelayConfig.Builder> settings) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout((int) TIMEOUT_MILLIS);
        relay = Relay.start(settings.apply(RelayConfig.builder("127.0.0.1", server.getLocalPort())).build());
    }

    /** A connected pair: [0] the client's socket, [1] the server's. */
    Socket[] open() throws IOException {
        Socket client = connect();
        Socket accepted = server.accept();
        accepted.setSoTimeout((int) TIMEOUT_MILLIS);
        sockets.add(accepted);
        return new Socket[] {client, accepted};
    }

    Socket connect() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.address().getPort());
        client.setSoTimeout((int) TIMEOUT_MILLIS);
        sockets.add(client);
        return client;
    }

    /** The next event of type {@code type} that {@code test} accepts; earlier events are kept in {@link #seen}. */
    <T extends RelayEvent> T await(Class<T> type, Predicate<T> test) throws InterruptedException {
        return await(relay, seen, type, test);
    }

    /**
     * The next event of {@code relay} of type {@code type} that {@code test} accepts, every
     * event read on the way added to {@code seen}; fails loudly after {@link #TIMEOUT_MILLIS}.
     */
    static <T extends RelayEvent> T await(Relay relay, List<RelayEvent> seen, Class<T> type, Predicate<T> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (true) {
            long left = deadline - System.nanoTime();
            RelayEvent e = left > 0 ? relay.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " as wanted within " + TIMEOUT_MILLIS
                        + " ms; seen: " + seen);
            }
            seen.add(e);
            if (type.isInstance(e) && test.test(type.cast(e))) {
                return type.cast(e);
            }
        }
    }

    <T extends RelayEvent> T await(Class<T> type) throws InterruptedException {
        return await(type, e -> true);
    }

    /** The frame event with payload {@code text}. */
    RelayEvent.Frame frame(String text) throws InterruptedException {
        return await(RelayEvent.Frame.class, f -> f.payload().equals(Bytes.utf8(text)));
    }

    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Reads exactly {@code n} bytes, failing on a timeout or the end of the stream. */
    static String read(Socket s, int n) throws IOException {
        return new String(s.getInputStream().readNBytes(n), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Everything until the end of the stream. */
    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static void assertEndOfStream(Socket s) throws IOException {
        assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }

    @Override
    public void close() throws IOException {
        relay.close();
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }
}
