package dev.tincan.relay;

import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Framing;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What a relay listens on, where it relays to, and how it frames each direction. Immutable;
 * make one with {@link #builder(String, int)}. Every value is checked by
 * {@link Builder#build()}, with a sentence naming the value.
 *
 * @param bind the address to listen on; 127.0.0.1 unless chosen
 * @param port the port to listen on; 0 picks a free one
 * @param targetHost the server each client is relayed to
 * @param targetPort its port
 * @param up how frames from the client are delimited
 * @param down how frames from the server are delimited
 * @param maxFrameLength the longest frame decoded; longer runs are shown broken and forwarded anyway
 * @param maxClients the most links open at once; one more is turned away with a sentence
 * @param connectTimeout how long reaching the server may take for each client
 * @param holdFrames the most frames held in one direction; then the relay stops reading that side
 * @param holdBytes the most bytes held in one direction; then the relay stops reading that side
 * @param eventCapacity the most events waiting for the reader; then the links wait (nothing is dropped)
 * @param injectWait how long an injected frame waits for the frame passing in its direction to end
 *     before the relay says so ({@link RelayEvent.InjectWait}); it keeps waiting until that frame
 *     ends, or until it is cancelled or sent anyway
 * @param listenTls the context every client's TLS handshake is run with, as the server (the
 *     relay shows its certificate), or null when clients speak plain TCP
 * @param targetTls how the relay speaks TLS to the server, as a client, and checks its
 *     certificate; null when the server speaks plain TCP
 */
public record RelayConfig(InetAddress bind, int port, String targetHost, int targetPort, Framing up, Framing down,
        int maxFrameLength, int maxClients, Duration connectTimeout, int holdFrames, long holdBytes,
        int eventCapacity, Duration injectWait, SSLContext listenTls, TlsOptions targetTls) {
    /** Links open at once when not chosen. */
    public static final int DEFAULT_MAX_CLIENTS = 100;
    /** Frames held per direction when not chosen. */
    public static final int DEFAULT_HOLD_FRAMES = 1024;
    /** Bytes held per direction when not chosen. */
    public static final long DEFAULT_HOLD_BYTES = 16L * 1024 * 1024;
    /** Events waiting for the reader when not chosen. */
    public static final int DEFAULT_EVENT_CAPACITY = 8192;
    /** How long an injected frame waits for a frame boundary before the relay says so, when not chosen. */
    public static final Duration DEFAULT_INJECT_WAIT = Duration.ofSeconds(2);

    /** Checks every value. */
    public RelayConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(injectWait, "injectWait");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listening port " + port + " is out of range: use 1 to 65535.");
        }
        if (targetHost == null || targetHost.isBlank()) {
            throw new IllegalArgumentException("no server given: name the host and port to relay to.");
        }
        targetHost = targetHost.strip();
        if (targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("server port " + targetPort + " is out of range: use 1 to 65535.");
        }
        Framing.checkMaxFrameLength(maxFrameLength);
        if (maxClients < 1) {
            throw new IllegalArgumentException("client cap " + maxClients + " is not positive: use 1 or more.");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout " + connectTimeout.toMillis()
                    + " ms is not positive: use e.g. 5s.");
        }
        if (holdFrames < 1 || holdBytes < 1 || eventCapacity < 1) {
            throw new IllegalArgumentException("hold and event limits must be positive.");
        }
        if (injectWait.isNegative() || injectWait.isZero()) {
            throw new IllegalArgumentException("inject wait " + injectWait.toMillis() + " ms is not positive: use "
                    + "e.g. 2s.");
        }
    }

    /** A builder relaying to {@code targetHost}:{@code targetPort}, with line framing both ways on 127.0.0.1, port 0. */
    public static Builder builder(String targetHost, int targetPort) {
        return new Builder(targetHost, targetPort);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(targetHost, targetPort);
        b.bind = bind;
        b.port = port;
        b.up = up;
        b.down = down;
        b.maxFrameLength = maxFrameLength;
        b.maxClients = maxClients;
        b.connectTimeout = connectTimeout;
        b.holdFrames = holdFrames;
        b.holdBytes = holdBytes;
        b.eventCapacity = eventCapacity;
        b.injectWait = injectWait;
        b.listenTls = listenTls;
        b.targetTls = targetTls;
        return b;
    }

    /** Collects a relay's settings; not thread-safe. */
    public static final class Builder {
        private final String targetHost;
        private final int targetPort;
        private InetAddress bind = Binding.defaultAddress();
        private int port;
        private Framing up = Framing.parse("line");
        private Framing down = Framing.parse("line");
        private int maxFrameLength = Framing.DEFAULT_MAX_FRAME_LENGTH;
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int holdFrames = DEFAULT_HOLD_FRAMES;
        private long holdBytes = DEFAULT_HOLD_BYTES;
        private int eventCapacity = DEFAULT_EVENT_CAPACITY;
        private Duration injectWait = DEFAULT_INJECT_WAIT;
        private SSLContext listenTls;
        private TlsOptions targetTls;

        private Builder(String targetHost, int targetPort) {
            this.targetHost = targetHost;
            this.targetPort = targetPort;
        }

        /** The address to listen on. */
        public Builder bind(InetAddress bind) {
            this.bind = bind;
            return this;
        }

        /** The port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The same framing both ways. */
        public Builder framing(Framing both) {
            this.up = both;
            this.down = both;
            return this;
        }

        /** The framing of frames from the client. */
        public Builder up(Framing up) {
            this.up = up;
            return this;
        }

        /** The framing of frames from the server. */
        public Builder down(Framing down) {
            this.down = down;
            return this;
        }

        /** The longest frame decoded. */
        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /** The most links open at once. */
        public Builder maxClients(int maxClients) {
            this.maxClients = maxClients;
            return this;
        }

        /** How long reaching the server may take. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The most frames and bytes held per direction. */
        public Builder hold(int frames, long bytes) {
            this.holdFrames = frames;
            this.holdBytes = bytes;
            return this;
        }

        /** The most events waiting for the reader. */
        public Builder eventCapacity(int eventCapacity) {
            this.eventCapacity = eventCapacity;
            return this;
        }

        /** How long an injected frame waits for a frame boundary before the relay says so. */
        public Builder injectWait(Duration injectWait) {
            this.injectWait = injectWait;
            return this;
        }

        /** Clients speak TLS to the certificate of {@code context}; null for plain TCP. */
        public Builder listenTls(SSLContext context) {
            this.listenTls = context;
            return this;
        }

        /** The relay speaks TLS to the server as {@code options} say; null for plain TCP. */
        public Builder targetTls(TlsOptions options) {
            this.targetTls = options;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException with one sentence naming a value out of range
         */
        public RelayConfig build() {
            return new RelayConfig(bind, port, targetHost, targetPort, up, down, maxFrameLength, maxClients,
                    connectTimeout, holdFrames, holdBytes, eventCapacity, injectWait, listenTls, targetTls);
        }
    }
}
