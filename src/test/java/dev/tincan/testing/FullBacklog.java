package dev.tincan.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener on 127.0.0.1 whose backlog is full and which never accepts: a further connect
 * gets no answer at all, so it hangs until its timeout. The loopback stand-in for a host
 * that drops packets.
 */
public final class FullBacklog implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket();
    private final List<Socket> fillers = new ArrayList<>();

    /** Binds 127.0.0.1 with a backlog of one and connects until a connect goes unanswered. */
    public FullBacklog() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** Binds {@code address} (e.g. ::1) with a backlog of one and connects until a connect goes unanswered. */
    public FullBacklog(InetAddress address) throws IOException {
        listener.bind(new InetSocketAddress(address, 0), 1);
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            fillers.add(filler);
            try {
                filler.connect(listener.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IOException("the backlog of " + listener.getLocalSocketAddress() + " never filled up");
    }

    /** The address whose connects go unanswered. */
    public InetAddress address() {
        return listener.getInetAddress();
    }

    /** The port whose connects go unanswered. */
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
