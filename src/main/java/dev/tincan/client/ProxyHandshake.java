package dev.tincan.client;

import dev.tincan.codec.HostPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Asks a proxy, over a socket already connected to it, for a tunnel to {@code host:port},
 * and turns each way the proxy can say no into a {@link Failure} and a phrase:
 *
 * <pre>
 *   SOCKS5   05 nmethods methods ─►   ◄─ 05 method
 *            (01 ulen user plen password ─►   ◄─ 01 status)     RFC 1929, when asked
 *            05 01 00 atyp addr port ─►   ◄─ 05 rep 00 atyp addr port
 *   HTTP     CONNECT host:port HTTP/1.1 ─►   ◄─ HTTP/1.1 200 ... (headers) CRLF CRLF
 * </pre>
 *
 * A host name goes to the proxy as a name (SOCKS5 address type 3), never resolved here. The
 * proxy's answer is read a few bytes at a time and never past its end, so the first byte
 * after it is the first byte from the host; an HTTP answer longer than
 * {@link #MAX_HTTP_ANSWER} bytes is refused, so a proxy cannot make memory grow. Every read
 * waits at most until the connect's deadline. Stateless.
 */
final class ProxyHandshake {
    /** The longest HTTP answer (status line and headers) read from a proxy. */
    static final int MAX_HTTP_ANSWER = 8 * 1024;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");
    private static final String[] SOCKS_REPLIES = {"succeeded", "general SOCKS server failure",
        "connection not allowed by ruleset", "network unreachable", "host unreachable", "connection refused",
        "TTL expired", "command not supported", "address type not supported"};

    private ProxyHandshake() {
    }

    /**
     * Opens the tunnel through {@code socket} to {@code host:port}, by {@code deadlineNanos}
     * ({@link System#nanoTime()}); leaves the socket without a read timeout.
     *
     * @throws Refusal when the proxy says no or breaks its protocol, with the cause and phrase
     * @throws IOException when the socket fails
     */
    static void open(Socket socket, ProxyOptions proxy, String host, int port, long deadlineNanos)
            throws IOException {
        Reader in = new Reader(socket, deadlineNanos);
        OutputStream out = socket.getOutputStream();
        try {
            if (proxy.type() == ProxyOptions.Type.SOCKS5) {
                socks5(in, out, proxy, host, port);
            } else {
                http(in, out, proxy, host, port);
            }
        } catch (SocketTimeoutException e) {
            throw new Refusal(Failure.TIMED_OUT, "the proxy did not finish its handshake in time", e);
        } catch (SocketException e) {
            // A proxy that does not understand what it was sent may close with that unread:
            // the kernel then answers with a reset, not an end of stream, and it is the
            // proxy's no all the same.
            throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy reset the connection during its handshake", e);
        }
        socket.setSoTimeout(0);
    }

    private static void socks5(Reader in, OutputStream out, ProxyOptions proxy, String host, int port)
            throws IOException {
        boolean credentials = proxy.hasCredentials();
        out.write(credentials ? new byte[] {5, 2, 0, 2} : new byte[] {5, 1, 0});
        out.flush();
        int version = in.read();
        int method = in.read();
        if (version != 5) {
            throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy did not answer in SOCKS5"
                    + (version == 'H' ? " (it answered in HTTP: is it an HTTP proxy?)" : ""), null);
        }
        if (method == 0xFF) {
            throw new Refusal(Failure.PROXY_AUTH, credentials
                    ? "the proxy accepts neither no authentication nor a user name and password"
                    : "the proxy requires a user name and password and none was given", null);
        }
        if (method == 2 && credentials) {
            authenticate(in, out, proxy);
        } else if (method != 0) {
            throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy chose authentication method " + method
                    + ", which was not offered", null);
        }
        out.write(socksRequest(host, port));
        out.flush();
        if (in.read() != 5) {
            throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy's answer to the connect request is not SOCKS5",
                    null);
        }
        int reply = in.read();
        in.read();
        int type = in.read();
        int length = type == 1 ? 4 : type == 4 ? 16 : type == 3 ? in.read() : -1;
        if (reply == 0 && length < 0) {
            throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy answered with an unknown address type " + type,
                    null);
        }
        if (reply != 0) {
            throw socksRefusal(reply);
        }
        in.skip(length + 2);
    }

    /** RFC 1929: user name and password, each 1 to 255 bytes of UTF-8; the bytes are cleared after. */
    private static void authenticate(Reader in, OutputStream out, ProxyOptions proxy) throws IOException {
        byte[] user = proxy.user().getBytes(StandardCharsets.UTF_8);
        byte[] password = utf8(proxy.password());
        byte[] message = new byte[3 + user.length + password.length];
        try {
            if (password.length == 0 || password.length > 255) {
                throw new Refusal(Failure.PROXY_AUTH, "the proxy password is " + password.length
                        + " bytes long, and SOCKS5 carries 1 to 255", null);
            }
            message[0] = 1;
            message[1] = (byte) user.length;
            System.arraycopy(user, 0, message, 2, user.length);
            message[2 + user.length] = (byte) password.length;
            System.arraycopy(password, 0, message, 3 + user.length, password.length);
            out.write(message);
            out.flush();
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(message, (byte) 0);
        }
        in.read();
        if (in.read() != 0) {
            throw new Refusal(Failure.PROXY_AUTH, "the proxy refused the user name or password", null);
        }
    }

    /** CONNECT to {@code host:port}: an address as an address, a name as a name (type 3). */
    private static byte[] socksRequest(String host, int port) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(new byte[] {5, 1, 0});
        byte[] literal = literal(host);
        if (literal != null) {
            request.write(literal.length == 4 ? 1 : 4);
            request.write(literal);
        } else {
            byte[] name = host.getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new Refusal(Failure.UNKNOWN_HOST, "the host name is " + name.length
                        + " bytes long, and SOCKS5 carries at most 255", null);
            }
            request.write(3);
            request.write(name.length);
            request.write(name);
        }
        request.write(port >> 8);
        request.write(port & 0xFF);
        return request.toByteArray();
    }

    /** The bytes of an IP address literal, or null for a name (which is never looked up here). */
    static byte[] literal(String host) throws IOException {
        if (host.indexOf(':') >= 0 || IPV4.matcher(host).matches()) {
            try {
                return InetAddress.getByName(host).getAddress();
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static Refusal socksRefusal(int reply) {
        String what = reply < SOCKS_REPLIES.length ? SOCKS_REPLIES[reply] : "reply code " + reply;
        if (reply == 2 || reply == 7 || reply == 8) {
            return new Refusal(Failure.PROXY_REFUSED, "the proxy refused the connection (" + what + ")", null);
        }
        return new Refusal(Failure.PROXY_TARGET_UNREACHABLE, "the proxy could not reach the host (" + what + ")",
                null);
    }

    private static void http(Reader in, OutputStream out, ProxyOptions proxy, String host, int port)
            throws IOException {
        String target = HostPort.of(host, port);
        byte[] head = ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n").getBytes(StandardCharsets.UTF_8);
        out.write(head);
        if (proxy.hasCredentials()) {
            byte[] user = (proxy.user() + ":").getBytes(StandardCharsets.UTF_8);
            byte[] password = utf8(proxy.password());
            byte[] both = Arrays.copyOf(user, user.length + password.length);
            System.arraycopy(password, 0, both, user.length, password.length);
            byte[] encoded = Base64.getEncoder().encode(both);
            try {
                out.write("Proxy-Authorization: Basic ".getBytes(StandardCharsets.US_ASCII));
                out.write(encoded);
                out.write('\r');
                out.write('\n');
            } finally {
                Arrays.fill(password, (byte) 0);
                Arrays.fill(both, (byte) 0);
                Arrays.fill(encoded, (byte) 0);
            }
        }
        out.write('\r');
        out.write('\n');
        out.flush();
        String status = in.line(true);
        java.util.regex.Matcher m = STATUS.matcher(status);
        if (!m.matches()) {
            throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy did not answer in HTTP"
                    + (!status.isEmpty() && status.charAt(0) == 5 ? " (it answered in SOCKS5: is it a SOCKS proxy?)"
                            : ""), null);
        }
        while (!in.line(false).isEmpty()) {
            // Headers of a CONNECT answer tell Tincan nothing it needs; they are read and dropped.
        }
        int code = Integer.parseInt(m.group(1));
        if (code / 100 == 2) {
            return;
        }
        String answered = "the proxy answered " + code + printable(m.group(2));
        if (code == 407) {
            throw new Refusal(Failure.PROXY_AUTH, answered, null);
        }
        if (code == 502 || code == 504) {
            throw new Refusal(Failure.PROXY_TARGET_UNREACHABLE, "the proxy could not reach the host (it answered "
                    + code + printable(m.group(2)) + ")", null);
        }
        throw new Refusal(Failure.PROXY_REFUSED, answered, null);
    }

    /** A reason phrase fit for a sentence: a space and up to 60 printable characters, or nothing. */
    private static String printable(String reason) {
        if (reason == null) {
            return "";
        }
        String s = reason.replaceAll("[^\\x20-\\x7e]", "").strip();
        if (s.length() > 60) {
            s = s.substring(0, 60) + "...";
        }
        return s.isEmpty() ? "" : " " + s;
    }

    private static byte[] utf8(char[] chars) throws IOException {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            Arrays.fill(b.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new Refusal(Failure.PROXY_AUTH, "the proxy password is not valid text", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Reads the proxy's answer byte by byte, never past it, each read bounded by the deadline. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadlineNanos;
        /** HTTP answer bytes read so far. */
        private int httpBytes;

        Reader(Socket socket, long deadlineNanos) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadlineNanos = deadlineNanos;
        }

        int read() throws IOException {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("proxy handshake timed out");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int b = in.read();
            if (b < 0) {
                throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy closed the connection during its handshake",
                        null);
            }
            return b;
        }

        void skip(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                read();
            }
        }

        /** One line of the HTTP answer without its CRLF (a bare LF is accepted), as ISO-8859-1. */
        String line(boolean first) throws IOException {
            StringBuilder s = new StringBuilder();
            while (true) {
                if (++httpBytes > MAX_HTTP_ANSWER) {
                    throw new Refusal(Failure.PROXY_PROTOCOL, "the proxy's answer went on for more than "
                            + MAX_HTTP_ANSWER / 1024 + " KiB without ending its headers", null);
                }
                int b = read();
                if (first && s.length() == 0 && b == 5) {
                    return "\u0005";
                }
                if (b == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') {
                        s.setLength(end - 1);
                    }
                    return s.toString();
                }
                s.append((char) b);
            }
        }
    }

    /** A proxy's no, or a break of its protocol, as a cause and a phrase (lower-case, no period). */
    static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Failure cause;
        private final String phrase;

        Refusal(Failure cause, String phrase, Throwable why) {
            super(phrase, why);
            this.cause = cause;
            this.phrase = phrase;
        }

        Failure failure() {
            return cause;
        }

        String phrase() {
            return phrase;
        }
    }
}
