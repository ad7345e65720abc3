package dev.tincan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Copies bytes both ways between two sockets until either side ends; for the test proxies. */
final class Tunnel {
    private Tunnel() {
    }

    /**
     * Relays {@code a} to {@code b} on this thread and {@code b} to {@code a} on a thread of its
     * own, until one side ends; then closes both and waits for that thread, bounded.
     */
    static void relay(Socket a, Socket b) throws IOException {
        Thread back = new Thread(() -> copy(b, a), "test-proxy-relay");
        back.setDaemon(true);
        back.start();
        copy(a, b);
        a.close();
        b.close();
        try {
            back.join(ReplyRecorder.TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side ended; closing both ends the other direction.
        }
        try {
            from.close();
            to.close();
        } catch (IOException e) {
            // Closing a socket that is already closed.
        }
    }
}
