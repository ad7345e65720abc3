package dev.tincan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP proxy on 127.0.0.1 for tests that speaks only CONNECT, with Basic
 * authentication when given. Like {@link Socks5Proxy} it knows host names only from
 * {@link #resolve}; a name it was not told, or a port nobody listens on, gets
 * {@code 502 Bad Gateway}. It records each request's lines, can answer every request with
 * one status, or answer with a header that never ends.
 */
public final class HttpConnectProxy implements AutoCloseable {
    private final String credentials;
    private final Map<String, InetAddress> names = new ConcurrentHashMap<>();
    private final BlockingQueue<List<String>> requests = new LinkedBlockingQueue<>();
    private volatile String answer;
    private volatile boolean endless;
    private final LoopbackServer server;

    private HttpConnectProxy(String credentials) throws IOException {
        this.credentials = credentials;
        this.server = LoopbackServer.start(this::serve);
    }

    /** A proxy that asks for no authentication. */
    public static HttpConnectProxy open() throws IOException {
        return new HttpConnectProxy(null);
    }

    /** A proxy that requires this user name and password (Basic). */
    public static HttpConnectProxy withCredentials(String user, String password) throws IOException {
        return new HttpConnectProxy(Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Lets the proxy reach {@code name} at {@code address}. */
    public HttpConnectProxy resolve(String name, InetAddress address) {
        names.put(name, address);
        return this;
    }

    /** Answers every request from now on with this status line, e.g. {@code HTTP/1.1 403 Forbidden}. */
    public HttpConnectProxy answerWith(String statusLine) {
        answer = statusLine;
        return this;
    }

    /** Answers every request from now on with 200 and then header lines that never end. */
    public HttpConnectProxy endlessHeader() {
        endless = true;
        return this;
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    /** The lines of the next request received (request line and headers), waiting at most the test timeout. */
    public List<String> awaitRequest() throws InterruptedException {
        List<String> r = requests.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("the HTTP proxy received no request within " + ReplyRecorder.TIMEOUT_MILLIS
                    + " ms");
        }
        return r;
    }

    private void serve(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        List<String> lines = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            lines.add(line);
        }
        requests.add(lines);
        if (endless) {
            out.write("HTTP/1.1 200 Connection established\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] header = "X-Padding: 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(header);
            }
        }
        if (answer != null) {
            send(out, answer);
            return;
        }
        if (credentials != null && !lines.contains("Proxy-Authorization: Basic " + credentials)) {
            send(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"");
            return;
        }
        String[] target = lines.get(0).split(" ")[1].split(":(?=\\d+$)");
        String host = target[0].startsWith("[") ? target[0].substring(1, target[0].length() - 1) : target[0];
        InetAddress address = names.containsKey(host) ? names.get(host)
                : host.matches("[\\d.]+|.*:.*") ? InetAddress.getByName(host) : null;
        Socket upstream = new Socket();
        try (upstream) {
            try {
                if (address == null) {
                    throw new IOException("unknown host " + host);
                }
                upstream.connect(new InetSocketAddress(address, Integer.parseInt(target[1])),
                        (int) ReplyRecorder.TIMEOUT_MILLIS);
            } catch (IOException e) {
                send(out, "HTTP/1.1 502 Bad Gateway");
                return;
            }
            send(out, "HTTP/1.1 200 Connection established");
            Tunnel.relay(client, upstream);
        }
    }

    private static void send(OutputStream out, String head) throws IOException {
        out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.size() > 8192) {
                throw new IOException("request line too long");
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
