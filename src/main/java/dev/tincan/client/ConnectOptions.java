package dev.tincan.client;

import dev.tincan.codec.Framing;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to connect and how to read: the framing, the maximum frame length, the timeouts,
 * whether frames are read continuously (push mode, the default) or only when a
 * {@link ClientCommand.Receive} asks for one (pull mode, as in the original pattern), and
 * what happens to a frame longer than the maximum. Immutable; make one with
 * {@link #builder()}, change one with {@link #toBuilder()}. Every value is checked by
 * {@link Builder#build()}, with a sentence naming the value.
 *
 * @param framing how messages are delimited on the wire
 * @param maxFrameLength the longest frame accepted from the peer, in bytes
 * @param connectTimeout how long a connect may take
 * @param pull read frames only when asked with {@code Receive}
 * @param writeTimeout how long a write may go on while the peer reads nothing before the
 *     connection is given up
 * @param skipTooLong skip a frame longer than {@code maxFrameLength} and keep the
 *     connection (each skip is reported as an {@link ClientReply.Error} with
 *     {@link Failure#FRAME_TOO_LONG}) instead of closing it
 * @param tls how to speak TLS over the connection, or null for plain TCP; the handshake
 *     happens within the connect timeout. A socket taken over with
 *     {@link ClientCommand.Adopt} is used as it is, and this is ignored
 * @param proxy the proxy to connect through, or null to connect directly; its handshake
 *     runs after the TCP connect to the proxy and before TLS, within the connect timeout
 * @param localAddress the local address and port to connect from (port 0 for any), or null
 *     to let the system choose
 * @param keepAlive turn on TCP keep-alive ({@code SO_KEEPALIVE}) on the socket, so that the
 *     operating system probes a silent peer and a dead one ends the connection (after about
 *     two hours with Linux's defaults)
 * @param idleTimeout report a peer that has sent nothing for this long: an
 *     {@link ClientReply.Error} with {@link Failure#IDLE}, once per silent stretch, and the
 *     connection stays open; {@link Duration#ZERO} (the default) reports nothing
 * @param udp speak UDP instead of TCP: each payload goes out as one datagram and each
 *     datagram that arrives is one frame, so {@code framing} is not applied either way (see
 *     {@link DatagramConnection}); the connect timeout, write timeout and keep-alive do not
 *     apply (the idle timeout does), and TLS and a proxy cannot be used with it
 */
public record ConnectOptions(Framing framing, int maxFrameLength, Duration connectTimeout, boolean pull,
        Duration writeTimeout, boolean skipTooLong, TlsOptions tls, ProxyOptions proxy,
        InetSocketAddress localAddress, boolean keepAlive, Duration idleTimeout, boolean udp) {
    /** The connect timeout when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The write timeout when none is given. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(15);

    /** The options without TLS, as before TLS existed; prefer {@link #builder()}. */
    public ConnectOptions(Framing framing, int maxFrameLength, Duration connectTimeout, boolean pull,
            Duration writeTimeout, boolean skipTooLong) {
        this(framing, maxFrameLength, connectTimeout, pull, writeTimeout, skipTooLong, null);
    }

    /** The options without proxy, local address, keep-alive or idle timeout, as before they existed; prefer {@link #builder()}. */
    public ConnectOptions(Framing framing, int maxFrameLength, Duration connectTimeout, boolean pull,
            Duration writeTimeout, boolean skipTooLong, TlsOptions tls) {
        this(framing, maxFrameLength, connectTimeout, pull, writeTimeout, skipTooLong, tls, null, null, false,
                Duration.ZERO, false);
    }

    /** Validates every field; the messages name the field and the value. */
    public ConnectOptions {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Framing.checkMaxFrameLength(maxFrameLength);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout " + connectTimeout.toMillis()
                    + " ms is not positive: use e.g. 5s.");
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("write timeout " + writeTimeout.toMillis()
                    + " ms is not positive: use e.g. 15s.");
        }
        if (localAddress != null && localAddress.isUnresolved()) {
            throw new IllegalArgumentException("the local address " + localAddress.getHostString()
                    + " is not an address: use one of this machine's, e.g. 192.168.1.20.");
        }
        if (idleTimeout.isNegative() || (!idleTimeout.isZero() && idleTimeout.toMillis() < 1)) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " is out of range: use 0 for none, "
                    + "or at least 1 ms, e.g. 30s.");
        }
        if (udp && tls != null) {
            throw new IllegalArgumentException("TLS runs over TCP only: leave out TLS to speak UDP, or leave out UDP "
                    + "to speak TLS.");
        }
        if (udp && proxy != null) {
            throw new IllegalArgumentException("a proxy carries TCP only: leave out the proxy to speak UDP.");
        }
    }

    /** Whether a silent peer is reported ({@link #idleTimeout()} is not zero). */
    public boolean reportsIdle() {
        return !idleTimeout.isZero();
    }

    /** {@code line} framing, 16 MiB max frame, 5 s connect timeout, push mode, 15 s write timeout, no skipping, plain TCP, direct, any local address, no keep-alive, no idle timeout, TCP. */
    public static ConnectOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().framing(framing).maxFrameLength(maxFrameLength).connectTimeout(connectTimeout)
                .pull(pull).writeTimeout(writeTimeout).skipTooLong(skipTooLong).tls(tls).proxy(proxy)
                .localAddress(localAddress).keepAlive(keepAlive).idleTimeout(idleTimeout).udp(udp);
    }

    /**
     * Collects options; the defaults are those of {@link ConnectOptions#defaults()}. Not
     * thread-safe; {@link #build()} checks every value.
     */
    public static final class Builder {
        private Framing framing = Framing.parse("line");
        private int maxFrameLength = Framing.DEFAULT_MAX_FRAME_LENGTH;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean pull;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private boolean skipTooLong;
        private TlsOptions tls;
        private ProxyOptions proxy;
        private InetSocketAddress localAddress;
        private boolean keepAlive;
        private Duration idleTimeout = Duration.ZERO;
        private boolean udp;

        private Builder() {
        }

        /** How messages are delimited on the wire; {@code line} by default. */
        public Builder framing(Framing framing) {
            this.framing = framing;
            return this;
        }

        /** The longest frame accepted from the peer, in bytes; 16 MiB by default. */
        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /** How long a connect may take; 5 s by default. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Read frames only when asked with {@code Receive}; off (push mode) by default. */
        public Builder pull(boolean pull) {
            this.pull = pull;
            return this;
        }

        /** How long a write may go on while the peer reads nothing; 15 s by default. */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
            return this;
        }

        /** Skip frames longer than the maximum and keep the connection; off (close) by default. */
        public Builder skipTooLong(boolean skipTooLong) {
            this.skipTooLong = skipTooLong;
            return this;
        }

        /** Speak TLS with these options; null (the default) for plain TCP. */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** Connect through this proxy; null (the default) to connect directly. */
        public Builder proxy(ProxyOptions proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Connect from this local address and port (port 0 for any); null (the default) for the system's choice. */
        public Builder localAddress(InetSocketAddress localAddress) {
            this.localAddress = localAddress;
            return this;
        }

        /** Turn on TCP keep-alive on the socket; off by default. */
        public Builder keepAlive(boolean keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /** Report a peer silent for this long; {@link Duration#ZERO} (the default) for never. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Speak UDP, one datagram per frame, instead of TCP; off (TCP) by default. */
        public Builder udp(boolean udp) {
            this.udp = udp;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException with one sentence naming a value out of range
         * @throws NullPointerException naming a value left null
         */
        public ConnectOptions build() {
            return new ConnectOptions(framing, maxFrameLength, connectTimeout, pull, writeTimeout, skipTooLong, tls,
                    proxy, localAddress, keepAlive, idleTimeout, udp);
        }
    }
}
