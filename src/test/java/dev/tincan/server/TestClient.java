package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.FrameException;
import dev.tincan.codec.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain blocking socket client for the server tests: frames what it sends with the
 * codec, decodes what it receives, and fails loudly when nothing arrives in time.
 * Not thread-safe.
 */
final class TestClient implements AutoCloseable {
    /** How long a receive waits before the test fails. */
    static final int TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final Framing framing;
    private final FrameDecoder decoder;
    private final InputStream in;
    private final OutputStream out;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final byte[] buffer = new byte[64 * 1024];

    private TestClient(Socket socket, Framing framing) throws IOException {
        this.socket = socket;
        this.framing = framing;
        this.decoder = framing.newDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TestClient connect(CompanionServer server) throws IOException {
        return connect(server, server.config().framing(), -1);
    }

    /** Connects with {@code framing}; a positive {@code receiveBuffer} shrinks the socket's receive buffer. */
    static TestClient connect(CompanionServer server, Framing framing, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new TestClient(socket, framing);
    }

    /** Sends {@code text} as one frame. */
    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code payload} as one frame. */
    void send(byte[] payload) throws IOException {
        out.write(framing.encode(Bytes.of(payload)));
    }

    /** Writes bytes as they are, unframed. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** The next frame as UTF-8 text. */
    String receiveText() throws IOException {
        return new String(receive(), StandardCharsets.UTF_8);
    }

    /** The next frame; fails the test if none arrives in time or the server closes. */
    byte[] receive() throws IOException {
        while (frames.isEmpty()) {
            int n = read();
            if (n < 0) {
                fail("the server closed the connection while a frame was expected");
            }
            List<byte[]> decoded = new ArrayList<>();
            try {
                decoder.decode(buffer, 0, n, decoded);
            } catch (FrameException e) {
                fail("the server sent a broken frame: " + e.getMessage());
            }
            frames.addAll(decoded);
        }
        return frames.poll();
    }

    /** Exactly {@code n} bytes as they come, for raw framing. */
    byte[] receiveBytes(int n) throws IOException {
        byte[] got = new byte[n];
        int filled = 0;
        while (filled < n) {
            int r = readInto(got, filled, n - filled);
            if (r < 0) {
                fail("the server closed the connection after " + filled + " of " + n + " bytes: "
                        + new String(got, 0, filled, StandardCharsets.UTF_8));
            }
            filled += r;
        }
        return got;
    }

    /** Asserts the server closes the connection, after at most the frames it is allowed to send first. */
    void assertClosedByServer() throws IOException {
        assertThat(frames).as("frames before the close").isEmpty();
        restUntilClosed();
    }

    /**
     * Reads until the server closes the connection (or resets it) and returns the bytes that
     * came first, beyond the frames already read, as UTF-8 (the first 64 KiB of them); fails
     * if it does not close in time.
     */
    String restUntilClosed() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            rest.writeBytes(frame);
        }
        frames.clear();
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                fail("the server did not close the connection within " + TIMEOUT_MILLIS + " ms");
                return null;
            } catch (SocketException e) {
                assertThat(e.getMessage()).contains("reset");
                return rest.toString(StandardCharsets.UTF_8);
            }
            if (n < 0) {
                return rest.toString(StandardCharsets.UTF_8);
            }
            rest.write(buffer, 0, Math.min(n, Math.max(0, buffer.length - rest.size())));
        }
    }

    /** Whether nothing arrives for {@code millis}; what does arrive is kept for {@link #receive}. */
    boolean quietFor(int millis) throws IOException {
        if (!frames.isEmpty()) {
            return false;
        }
        socket.setSoTimeout(millis);
        try {
            int n = in.read(buffer);
            if (n > 0) {
                List<byte[]> decoded = new ArrayList<>();
                try {
                    decoder.decode(buffer, 0, n, decoded);
                } catch (FrameException e) {
                    fail("the server sent a broken frame: " + e.getMessage());
                }
                frames.addAll(decoded);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    /** Closes the sending side, as a client does when its input ends. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    private int read() throws IOException {
        return readInto(buffer, 0, buffer.length);
    }

    private int readInto(byte[] into, int off, int len) throws IOException {
        try {
            return in.read(into, off, len);
        } catch (SocketTimeoutException e) {
            fail("nothing arrived within " + TIMEOUT_MILLIS + " ms; already decoded: "
                    + Arrays.toString(frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toArray()));
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
