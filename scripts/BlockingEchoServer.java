import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The echo server {@code scripts/engine-bench.sh} measures {@code tincan bench} against: a
 * plain blocking Java server that shares no code with Tincan, as a user's own server would
 * be. One thread per client reads a {@code len32le} frame (a 4-byte little-endian length,
 * then that many bytes), writes it back whole and flushes, and reads the next. It listens
 * on 127.0.0.1 and prints {@code listening on 127.0.0.1:PORT} once it does.
 *
 * <pre>java -cp DIR BlockingEchoServer [PORT]      (PORT 0, the default, lets the kernel pick)</pre>
 */
public final class BlockingEchoServer {
    /** Longer frames end the client's connection: a bound on what one client can make us hold. */
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private BlockingEchoServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on 127.0.0.1:" + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Thread t = new Thread(() -> echo(client), "echo-" + client.getPort());
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void echo(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 64 * 1024));
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 64 * 1024);
            byte[] header = new byte[4];
            byte[] payload = new byte[64];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    return;
                }
                int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16
                        | (header[3] & 0xff) << 24;
                if (len < 0 || len > MAX_FRAME) {
                    System.err.println("frame of " + len + " bytes from " + client.getRemoteSocketAddress()
                            + ": closing that connection.");
                    return;
                }
                if (payload.length < len) {
                    payload = new byte[len];
                }
                in.readFully(payload, 0, len);
                out.write(header);
                out.write(payload, 0, len);
                out.flush();
            }
        } catch (IOException e) {
            System.err.println("client " + client.getRemoteSocketAddress() + ": " + e);
        }
    }
}
