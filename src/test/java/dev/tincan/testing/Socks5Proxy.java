package dev.tincan.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small SOCKS5 proxy on 127.0.0.1 for tests (RFC 1928, user name and password per
 * RFC 1929 when given). It knows host names only from {@link #resolve}: a name it was not
 * told gets "host unreachable", so a test proves the client sent the name, not an address
 * it looked up. It records every connect request, can refuse them all with one reply code,
 * and relays bytes both ways once a tunnel is open.
 */
public final class Socks5Proxy implements AutoCloseable {
    /** One connect request as the proxy received it: address type (1, 3 or 4), host, port. */
    public record Request(int addressType, String host, int port) {
    }

    private final String user;
    private final String password;
    private final Map<String, InetAddress> names = new ConcurrentHashMap<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile int refuseWith;
    private final LoopbackServer server;

    private Socks5Proxy(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        this.server = LoopbackServer.start(this::serve);
    }

    /** A proxy that asks for no authentication. */
    public static Socks5Proxy open() throws IOException {
        return new Socks5Proxy(null, null);
    }

    /** A proxy that requires this user name and password. */
    public static Socks5Proxy withCredentials(String user, String password) throws IOException {
        return new Socks5Proxy(user, password);
    }

    /** Lets the proxy reach {@code name} at {@code address}. */
    public Socks5Proxy resolve(String name, InetAddress address) {
        names.put(name, address);
        return this;
    }

    /** Answers every connect request from now on with reply code {@code code} (e.g. 2, not allowed). */
    public Socks5Proxy refuseWith(int code) {
        refuseWith = code;
        return this;
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    /** The next connect request received, waiting at most the test timeout. */
    public Request awaitRequest() throws InterruptedException {
        Request r = requests.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("the SOCKS5 proxy received no connect request within "
                    + ReplyRecorder.TIMEOUT_MILLIS + " ms");
        }
        return r;
    }

    private void serve(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        if (in.readUnsignedByte() != 5) {
            return;
        }
        byte[] methods = new byte[in.readUnsignedByte()];
        in.readFully(methods);
        int wanted = user == null ? 0 : 2;
        boolean offered = false;
        for (byte m : methods) {
            offered |= m == wanted;
        }
        if (!offered) {
            out.write(new byte[] {5, (byte) 0xFF});
            return;
        }
        out.write(new byte[] {5, (byte) wanted});
        if (wanted == 2) {
            in.readUnsignedByte();
            byte[] u = new byte[in.readUnsignedByte()];
            in.readFully(u);
            byte[] p = new byte[in.readUnsignedByte()];
            in.readFully(p);
            boolean ok = user.equals(new String(u, StandardCharsets.UTF_8))
                    && password.equals(new String(p, StandardCharsets.UTF_8));
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            if (!ok) {
                return;
            }
        }
        in.readUnsignedByte();
        in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        String host;
        InetAddress address = null;
        if (type == 3) {
            byte[] name = new byte[in.readUnsignedByte()];
            in.readFully(name);
            host = new String(name, StandardCharsets.UTF_8);
            address = names.get(host);
        } else {
            byte[] raw = new byte[type == 1 ? 4 : 16];
            in.readFully(raw);
            address = InetAddress.getByAddress(raw);
            host = address.getHostAddress();
        }
        int port = in.readUnsignedShort();
        requests.add(new Request(type, host, port));
        if (refuseWith != 0) {
            reply(out, refuseWith);
            return;
        }
        if (address == null) {
            reply(out, 4);
            return;
        }
        Socket target = new Socket();
        try (target) {
            try {
                target.connect(new InetSocketAddress(address, port), (int) ReplyRecorder.TIMEOUT_MILLIS);
            } catch (ConnectException e) {
                reply(out, 5);
                return;
            }
            reply(out, 0);
            Tunnel.relay(client, target);
        }
    }

    private static void reply(OutputStream out, int code) throws IOException {
        out.write(new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
