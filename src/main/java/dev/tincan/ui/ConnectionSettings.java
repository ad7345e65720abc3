package dev.tincan.ui;

import dev.tincan.client.CertificatePin;
import dev.tincan.client.ClientCertificate;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.ProxyOptions;
import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.Pem;
import dev.tincan.session.Library;
import dev.tincan.session.Placeholders;
import dev.tincan.session.ReconnectPolicy;
import dev.tincan.session.SavedMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a tab connects, beyond host, port and framing: TCP or UDP, TLS, a proxy, reconnecting,
 * liveness and the local address, as the connection settings dialog shows them. It holds what
 * can be written to preferences and nothing secret: file names rather than keys, a proxy user
 * but never its password, which {@link #options} asks for at each connect through
 * {@link Secrets}. Immutable; part of {@link TabSettings}.
 *
 * <p>Over UDP each datagram is one frame, so the tab's framing does not apply, and neither do
 * TLS, the proxy, reconnecting and TCP keep-alive: their settings are kept for when the tab
 * speaks TCP again, but not checked and not used.
 *
 * @param tls whether and how to speak TLS
 * @param proxy the proxy to go through, or {@link Proxy#NONE}
 * @param reconnect whether and how to connect again after the server or a failure ends the connection
 * @param liveness keep-alive, idle timeout and heartbeat
 * @param localAddress the local address to connect from, {@code ADDR} or {@code ADDR:PORT}, or "" for any
 * @param udp speak UDP, one datagram per frame, instead of TCP
 */
public record ConnectionSettings(Tls tls, Proxy proxy, Reconnect reconnect, Liveness liveness, String localAddress,
        boolean udp) {
    /** Plain TCP, direct, no reconnect, nothing checked for liveness, any local address. */
    public static final ConnectionSettings DEFAULTS = new ConnectionSettings(Tls.OFF, Proxy.NONE, Reconnect.OFF,
            Liveness.OFF, "");

    /** Checks that nothing is missing. */
    public ConnectionSettings {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(liveness, "liveness");
        localAddress = Objects.requireNonNull(localAddress, "localAddress").strip();
    }

    /** Settings that speak TCP. */
    public ConnectionSettings(Tls tls, Proxy proxy, Reconnect reconnect, Liveness liveness, String localAddress) {
        this(tls, proxy, reconnect, liveness, localAddress, false);
    }

    /** Asks the person for a secret at connect time; never stored. */
    @FunctionalInterface
    public interface Secrets {
        /**
         * The secret {@code what} names (e.g. "the password of ann at SOCKS5 proxy
         * 127.0.0.1:1080"), or null when the person gave none; the caller clears the array.
         */
        char[] ask(String what);
    }

    /**
     * How the connection speaks TLS, as the person typed it.
     *
     * @param on speak TLS
     * @param trustFile a PEM file of certificates to trust as authorities (a private CA or a self-signed server), or ""
     * @param pins SHA-256 pins the server's certificate must match one of, as {@link CertificatePin#parse} reads them
     * @param serverName the name to ask for (SNI) and check, or "" for the host
     * @param clientCertificate a client certificate file, PEM or PKCS#12 ({@code .p12}, {@code .pfx}), or ""
     * @param clientKey the PEM key of a PEM client certificate, or ""
     * @param alpn application protocols to offer, comma separated, or ""
     * @param insecure accept any certificate for any name
     */
    public record Tls(boolean on, String trustFile, List<String> pins, String serverName, String clientCertificate,
            String clientKey, String alpn, boolean insecure) {
        /** TLS off, nothing set. */
        public static final Tls OFF = new Tls(false, "", List.of(), "", "", "", "", false);

        /** Strips the texts and copies the pins. */
        public Tls {
            trustFile = Objects.requireNonNull(trustFile, "trustFile").strip();
            pins = pins.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
            serverName = Objects.requireNonNull(serverName, "serverName").strip();
            clientCertificate = Objects.requireNonNull(clientCertificate, "clientCertificate").strip();
            clientKey = Objects.requireNonNull(clientKey, "clientKey").strip();
            alpn = Objects.requireNonNull(alpn, "alpn").strip();
        }

        /** These settings with {@code pin} added, unless it is there already. */
        public Tls withPin(String pin) {
            if (pins.contains(pin)) {
                return this;
            }
            List<String> more = new ArrayList<>(pins);
            more.add(pin);
            return new Tls(on, trustFile, more, serverName, clientCertificate, clientKey, alpn, insecure);
        }

        /** Whether the client certificate is a PKCS#12 file, whose password is asked for at connect. */
        public boolean pkcs12() {
            String f = clientCertificate.toLowerCase(Locale.ROOT);
            return !f.isEmpty() && clientKey.isEmpty() && (f.endsWith(".p12") || f.endsWith(".pfx"));
        }

        /** The ALPN protocols as a list. */
        List<String> alpnList() {
            return Arrays.stream(alpn.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    /**
     * The proxy to go through.
     *
     * @param type SOCKS5 or HTTP, or null for none
     * @param host the proxy's host
     * @param port the proxy's port
     * @param user the user name given to the proxy, or "" for none; its password is asked for at connect
     */
    public record Proxy(ProxyOptions.Type type, String host, int port, String user) {
        /** No proxy. */
        public static final Proxy NONE = new Proxy(null, "", 1080, "");

        /** Strips the texts. */
        public Proxy {
            host = Objects.requireNonNull(host, "host").strip();
            user = Objects.requireNonNull(user, "user").strip();
        }
    }

    /**
     * Connecting again after the server or a failure ended the connection.
     *
     * @param on connect again
     * @param maxAttempts attempts in a row before giving up, 0 for no limit
     * @param maxDelaySeconds the longest wait between attempts
     * @param maxQueued the most frames typed while disconnected that wait for the reconnect
     * @param sendQueued send them once connected again (true), or drop them and say how many (false)
     */
    public record Reconnect(boolean on, int maxAttempts, int maxDelaySeconds, int maxQueued, boolean sendQueued) {
        /** Off, with the engine's limits ready for when it is turned on. */
        public static final Reconnect OFF = new Reconnect(false, 10, 30, 1000, true);
    }

    /**
     * Noticing a dead or silent peer, and keeping a quiet connection alive.
     *
     * @param keepAlive turn on TCP keep-alive
     * @param idleSeconds report a peer silent this long, 0 for never
     * @param heartbeat a text sent while nothing else goes out, or "" for none; kept, but not
     *     sent, while {@code heartbeatMessage} names a message
     * @param heartbeatSeconds how long the sending side may stay quiet before the heartbeat goes out
     * @param heartbeatMessage the name of the library message sent as the heartbeat instead of
     *     the text, or "" to send the text; looked up at each connect
     */
    public record Liveness(boolean keepAlive, int idleSeconds, String heartbeat, int heartbeatSeconds,
            String heartbeatMessage) {
        /** Nothing: no keep-alive, no idle report, no heartbeat (every 10 s once one is typed). */
        public static final Liveness OFF = new Liveness(false, 0, "", 10);

        /** Checks the heartbeat is there. */
        public Liveness {
            Objects.requireNonNull(heartbeat, "heartbeat");
            heartbeatMessage = Objects.requireNonNull(heartbeatMessage, "heartbeatMessage").strip();
        }

        /** A heartbeat of typed text, or none. */
        public Liveness(boolean keepAlive, int idleSeconds, String heartbeat, int heartbeatSeconds) {
            this(keepAlive, idleSeconds, heartbeat, heartbeatSeconds, "");
        }

        /** Whether anything is sent as a heartbeat: a message named, or a text typed. */
        public boolean beats() {
            return !heartbeatMessage.isEmpty() || !heartbeat.isEmpty();
        }
    }

    /** These settings with {@code next} TLS settings. */
    public ConnectionSettings withTls(Tls next) {
        return new ConnectionSettings(next, proxy, reconnect, liveness, localAddress, udp);
    }

    /** These settings with {@code next} liveness: keep-alive, idle timeout and heartbeat. */
    public ConnectionSettings withLiveness(Liveness next) {
        return new ConnectionSettings(tls, proxy, reconnect, next, localAddress, udp);
    }

    /** These settings speaking UDP ({@code true}) or TCP. */
    public ConnectionSettings withUdp(boolean next) {
        return new ConnectionSettings(tls, proxy, reconnect, liveness, localAddress, next);
    }

    /** The longest wait between reconnect attempts the window accepts: one hour. */
    static final int MAX_DELAY_SECONDS = 3600;
    /** The most frames that may wait for a reconnect. */
    static final int MAX_QUEUED = 100_000;
    /** The longest idle timeout or heartbeat period: one day. */
    static final int MAX_SECONDS = 86_400;

    /**
     * The first thing that does not fit, as one sentence naming the field by its label, or
     * null when everything does. Reads the files named (to check them) but asks no secret.
     */
    public String problem() {
        try {
            check();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void check() {
        if (!udp) {
            // Over UDP these are kept for when the tab speaks TCP again, and not checked until then.
            if (tls.on()) {
                tlsOptions(what -> null, false);
            }
            proxyOptions(what -> null, false);
            reconnectPolicy();
        }
        localSocketAddress();
        liveness(ConnectOptions.builder()).build();
        if (liveness.beats()) {
            range("Heartbeat every", liveness.heartbeatSeconds(), 1, MAX_SECONDS, " s");
        }
    }

    /**
     * {@code base} with these settings: UDP, or TLS (reading the files) and the proxy; the
     * local address, keep-alive and the idle timeout. Asks {@code secrets} for the proxy's and
     * a PKCS#12 file's passwords, clearing them after use. Over UDP neither TLS, the proxy nor
     * keep-alive is used, and no secret is asked for.
     *
     * @throws IllegalArgumentException with one sentence naming the field, or saying that no password was given
     */
    public ConnectOptions options(ConnectOptions base, Secrets secrets) {
        ConnectOptions.Builder b = base.toBuilder().udp(udp);
        b.tls(!udp && tls.on() ? tlsOptions(secrets, true) : null);
        b.proxy(udp ? null : proxyOptions(secrets, true));
        b.localAddress(localSocketAddress());
        return liveness(b).build();
    }

    private ConnectOptions.Builder liveness(ConnectOptions.Builder b) {
        range("Idle timeout", liveness.idleSeconds(), 0, MAX_SECONDS, " s; 0 reports nothing");
        return b.keepAlive(!udp && liveness.keepAlive()).idleTimeout(Duration.ofSeconds(liveness.idleSeconds()));
    }

    /** The reconnect policy, or null when reconnecting is off or over UDP, which has no connection to lose. */
    public ReconnectPolicy reconnectPolicy() {
        if (!reconnect.on() || udp) {
            return null;
        }
        range("Max attempts", reconnect.maxAttempts(), 0, 1_000_000, "; 0 never gives up");
        range("Longest wait", reconnect.maxDelaySeconds(), 1, MAX_DELAY_SECONDS, " s");
        range("Queue while down", reconnect.maxQueued(), 0, MAX_QUEUED, " frames");
        return ReconnectPolicy.builder().maxAttempts(reconnect.maxAttempts())
                .maxDelay(Duration.ofSeconds(reconnect.maxDelaySeconds())).maxQueuedFrames(reconnect.maxQueued())
                .replayQueued(reconnect.sendQueued()).build();
    }

    /** The typed heartbeat's payload, or null when none is typed or a library message is named instead. */
    public Bytes heartbeatPayload() {
        return liveness.heartbeat().isEmpty() || !liveness.heartbeatMessage().isEmpty() ? null
                : Bytes.utf8(liveness.heartbeat());
    }

    /**
     * What makes the heartbeat's payload for a connection framed as {@code framing}
     * ({@code null} over UDP): the library message named, looked up now and filled in from
     * {@code context} at every beat (so {@code {{counter}}} counts the beats), or the typed
     * text; null for none. A beat whose placeholders cannot be filled in throws
     * {@link IllegalArgumentException} with one sentence, and the session says it.
     *
     * @throws IllegalArgumentException with one sentence, when the message named is not in the
     *     library, is saved for another framing, or its placeholders are not valid
     */
    public Supplier<Bytes> heartbeat(Library library, Framing framing, Placeholders.Context context) {
        String name = liveness.heartbeatMessage();
        if (name.isEmpty()) {
            Bytes typed = heartbeatPayload();
            return typed == null ? null : () -> typed;
        }
        SavedMessage m = library.find(name).orElseThrow(() -> new IllegalArgumentException("the heartbeat message '"
                + name + "' is not in the library any more: pick another in Connection settings (Ctrl+Shift+I)."));
        String mismatch = framing == null ? null : SessionTab.framingMismatch(m, framing.spec());
        if (mismatch != null) {
            throw new IllegalArgumentException("the heartbeat " + mismatch);
        }
        try {
            Placeholders.parse(m.payload(), m.hex());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the heartbeat message \"" + name + "\" cannot be sent: "
                    + e.getMessage(), e);
        }
        return () -> {
            try {
                return framing != null ? Library.payload(m, framing, context)
                        : Placeholders.expand(m.payload(), m.hex(), context);
            } catch (IllegalArgumentException e) {
                String why = e.getMessage();
                throw new IllegalArgumentException("the heartbeat " + (framing != null ? why : "message \"" + name
                        + "\" cannot be sent: " + why), e);
            }
        };
    }

    /** The heartbeat's period. */
    public Duration heartbeatEvery() {
        return Duration.ofSeconds(Math.max(1, liveness.heartbeatSeconds()));
    }

    private TlsOptions tlsOptions(Secrets secrets, boolean forConnect) {
        TlsOptions.Builder b = TlsOptions.builder().insecure(tls.insecure());
        if (!tls.trustFile().isEmpty()) {
            if (tls.insecure()) {
                throw new IllegalArgumentException("Trust certificates in and Trust any certificate together make "
                        + "no sense: trusting any checks no certificate; clear one of them.");
            }
            b.trust(labelled("Trust certificates in", () -> Pem.readCertificates(Path.of(tls.trustFile()))));
        }
        for (String pin : tls.pins()) {
            b.pin(labelled("Pins", () -> CertificatePin.parse(pin)));
        }
        if (!tls.serverName().isEmpty()) {
            labelled("Server name", () -> TlsOptions.builder().serverName(tls.serverName()).build());
            b.serverName(tls.serverName());
        }
        List<String> alpn = tls.alpnList();
        labelled("ALPN", () -> TlsOptions.builder().alpn(alpn).build());
        b.alpn(alpn);
        if (!tls.clientCertificate().isEmpty()) {
            Path file = Path.of(tls.clientCertificate());
            if (tls.pkcs12()) {
                if (forConnect) {
                    char[] password = secrets.ask("the password of the client certificate " + file.getFileName());
                    if (password == null) {
                        throw new IllegalArgumentException("no password given for " + file.getFileName()
                                + ": the connect was not made.");
                    }
                    try {
                        b.clientCertificate(labelled("Client certificate",
                                () -> ClientCertificate.fromPkcs12(file, password)));
                    } finally {
                        Arrays.fill(password, '\0');
                    }
                } else if (!java.nio.file.Files.isReadable(file)) {
                    throw new IllegalArgumentException("Client certificate: " + file + " does not exist or cannot be "
                            + "read.");
                }
            } else if (tls.clientKey().isEmpty()) {
                throw new IllegalArgumentException("Client key: a PEM client certificate needs its key file; for a "
                        + "PKCS#12 file, name it .p12 or .pfx.");
            } else {
                b.clientCertificate(labelled("Client certificate",
                        () -> ClientCertificate.fromPem(file, Path.of(tls.clientKey()))));
            }
        } else if (!tls.clientKey().isEmpty()) {
            throw new IllegalArgumentException("Client key: a key without its client certificate makes no sense: "
                    + "give the certificate file too.");
        }
        return labelled("TLS", b::build);
    }

    private ProxyOptions proxyOptions(Secrets secrets, boolean forConnect) {
        if (proxy.type() == null) {
            return null;
        }
        if (proxy.host().isEmpty()) {
            throw new IllegalArgumentException("Proxy host is empty: type the proxy's host name or address, e.g. "
                    + "127.0.0.1.");
        }
        range("Proxy port", proxy.port(), 1, 65535, "");
        ProxyOptions p = labelled("Proxy", () -> ProxyOptions.of(proxy.type(), proxy.host(), proxy.port()));
        if (proxy.user().isEmpty()) {
            return p;
        }
        labelled("Proxy user", () -> p.withCredentials(proxy.user(), new char[0]));
        if (!forConnect) {
            return p;
        }
        char[] password = secrets.ask("the password of " + proxy.user() + " at " + p.describe());
        if (password == null) {
            throw new IllegalArgumentException("no password given for " + proxy.user() + " at " + p.describe()
                    + ": the connect was not made.");
        }
        try {
            return p.withCredentials(proxy.user(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The local address to connect from, or null for any. Only an address is taken, never a
     * name, so reading it never waits for a name server.
     */
    InetSocketAddress localSocketAddress() {
        String s = localAddress;
        if (s.isEmpty()) {
            return null;
        }
        String host = s;
        int port = 0;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Local address \"" + s + "\": the IPv6 address has no closing "
                        + "bracket; write it as [::1] or [::1]:40000.");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            portText = rest.isEmpty() ? null : rest.startsWith(":") ? rest.substring(1) : rest;
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            portText = s.substring(s.indexOf(':') + 1);
        }
        if (portText != null) {
            if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) > 65535) {
                throw new IllegalArgumentException("Local address \"" + s + "\": the port \"" + portText + "\" is not "
                        + "0 to 65535.");
            }
            port = Integer.parseInt(portText);
        }
        boolean literal = host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3
                || host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
        if (!literal) {
            throw new IllegalArgumentException("Local address \"" + s + "\" is not an IP address: use one of this "
                    + "machine's, e.g. 192.168.1.20, or 0.0.0.0:40000 for any address and port 40000.");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Local address \"" + s + "\" is not an IP address: use one of this "
                    + "machine's, e.g. 192.168.1.20.");
        }
    }

    private static void range(String label, long n, long least, long most, String unit) {
        if (n < least || n > most) {
            throw new IllegalArgumentException(label + " " + Formats.count(n) + " is out of range: use "
                    + Formats.count(least) + " to " + Formats.count(most) + unit + ".");
        }
    }

    /** Runs {@code read}; a sentence it throws gets {@code label} in front, so it names the field. */
    private static <T> T labelled(String label, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(label + ": " + m, e);
        }
    }
}
