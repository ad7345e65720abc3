package dev.tincan.server;

import dev.tincan.codec.FixedLengthFraming;
import dev.tincan.codec.Framing;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CompanionServer} listens and behaves. Immutable; make one with
 * {@link #builder()}, change one with {@link #toBuilder()}. Every value is checked when a
 * config is made, with one sentence naming the value and the range.
 *
 * @param bind the address to listen on (127.0.0.1 by default, so nothing outside the machine can connect)
 * @param port the port to listen on, 0 to 65535; 0 picks any free port (read it back with
 *     {@link CompanionServer#port()})
 * @param framing how frames are delimited on the wire, both ways
 * @param mode what the server does with the frames it gets
 * @param maxClients how many clients may be connected at once, 1 to {@value #MAX_CLIENTS_LIMIT};
 *     one more is told the server is full and closed
 * @param maxFrameLength the longest frame a client may send; a longer one disconnects the client
 * @param tickInterval the time between two frames in {@link Mode#TICKER} mode, 1 ms to 1 day
 * @param floodCount how many frames {@link Mode#FLOOD} mode sends on connect, 0 or more
 * @param floodSize the payload size of each flood frame, 1 byte to 64 MiB
 * @param floodRate frames per second {@link Mode#FLOOD} mode aims for, or 0 for as fast as
 *     the client takes them
 * @param tls the server's TLS identity, or null for plain TCP
 */
public record ServerConfig(InetAddress bind, int port, Framing framing, Mode mode, int maxClients,
        int maxFrameLength, Duration tickInterval, long floodCount, int floodSize, long floodRate, ServerTls tls) {

    /** The port the companion server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 50007;
    /** The most clients a server may be configured to hold: each costs one or two threads. */
    public static final int MAX_CLIENTS_LIMIT = 10_000;
    /** The largest flood frame payload. */
    public static final int MAX_FLOOD_SIZE = 64 * 1024 * 1024;

    private static final Duration MIN_TICK = Duration.ofMillis(1);
    private static final Duration MAX_TICK = Duration.ofDays(1);

    /** A configuration whose flood, if any, goes as fast as the client takes it. */
    public ServerConfig(InetAddress bind, int port, Framing framing, Mode mode, int maxClients, int maxFrameLength,
            Duration tickInterval, long floodCount, int floodSize) {
        this(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount, floodSize, 0);
    }

    /** A plain TCP configuration. */
    public ServerConfig(InetAddress bind, int port, Framing framing, Mode mode, int maxClients, int maxFrameLength,
            Duration tickInterval, long floodCount, int floodSize, long floodRate) {
        this(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount, floodSize, floodRate,
                null);
    }

    /** Checks every value. */
    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port
                    + " is out of range: use 0 to 65535, where 0 picks any free port.");
        }
        if (maxClients < 1 || maxClients > MAX_CLIENTS_LIMIT) {
            throw new IllegalArgumentException("max clients " + maxClients + " is out of range: use 1 to "
                    + MAX_CLIENTS_LIMIT + ".");
        }
        Framing.checkMaxFrameLength(maxFrameLength);
        if (framing instanceof FixedLengthFraming fixed && fixed.frameLength() > maxFrameLength) {
            throw new IllegalArgumentException(framing.spec() + " frames are longer than the max frame length of "
                    + maxFrameLength + " bytes: raise the max frame length.");
        }
        if (tickInterval.compareTo(MIN_TICK) < 0 || tickInterval.compareTo(MAX_TICK) > 0) {
            throw new IllegalArgumentException("tick interval " + tickInterval.toMillis()
                    + " ms is out of range: use 1ms to 1 day.");
        }
        if (floodRate < 0) {
            throw new IllegalArgumentException("flood rate " + floodRate
                    + " is negative: use frames per second, or 0 for as fast as the client takes them.");
        }
        if (floodCount < 0) {
            throw new IllegalArgumentException("flood count " + floodCount + " is negative: use 0 or more frames.");
        }
        if (floodSize < 1 || floodSize > MAX_FLOOD_SIZE) {
            throw new IllegalArgumentException("flood size " + floodSize
                    + " bytes is out of range: use 1 byte to 64 MiB.");
        }
    }

    /**
     * 127.0.0.1, port 50007, {@code line} framing, {@link Mode#ECHO}, 64 clients, 16 MiB
     * frames, a tick every second, floods of 100000 frames of 64 bytes, unpaced.
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().bind(bind).port(port).framing(framing).mode(mode).maxClients(maxClients)
                .maxFrameLength(maxFrameLength).tickInterval(tickInterval).floodCount(floodCount).floodSize(floodSize)
                .floodRate(floodRate).tls(tls);
    }

    /**
     * Collects a configuration; the defaults are those of {@link ServerConfig#defaults()}.
     * Not thread-safe; {@link #build()} checks every value.
     */
    public static final class Builder {
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private Framing framing = Framing.parse("line");
        private Mode mode = Mode.ECHO;
        private int maxClients = 64;
        private int maxFrameLength = Framing.DEFAULT_MAX_FRAME_LENGTH;
        private Duration tickInterval = Duration.ofSeconds(1);
        private long floodCount = 100_000;
        private int floodSize = 64;
        private long floodRate;
        private ServerTls tls;

        private Builder() {
        }

        /** The address to listen on; 127.0.0.1 by default. */
        public Builder bind(InetAddress bind) {
            this.bind = bind;
            return this;
        }

        /** The port to listen on; 0 picks any free port. 50007 by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How frames are delimited, both ways; {@code line} by default. */
        public Builder framing(Framing framing) {
            this.framing = framing;
            return this;
        }

        /** What the server does with frames; {@link Mode#ECHO} by default. */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** How many clients may be connected at once; 64 by default. */
        public Builder maxClients(int maxClients) {
            this.maxClients = maxClients;
            return this;
        }

        /** The longest frame a client may send; 16 MiB by default. */
        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /** The time between two frames in {@link Mode#TICKER} mode; 1 s by default. */
        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = tickInterval;
            return this;
        }

        /** How many frames {@link Mode#FLOOD} mode sends on connect; 100000 by default. */
        public Builder floodCount(long floodCount) {
            this.floodCount = floodCount;
            return this;
        }

        /** The payload size of each flood frame; 64 bytes by default. */
        public Builder floodSize(int floodSize) {
            this.floodSize = floodSize;
            return this;
        }

        /** Flood frames per second, or 0 for as fast as the client takes them (the default). */
        public Builder floodRate(long floodRate) {
            this.floodRate = floodRate;
            return this;
        }

        /** Speak TLS with this identity; null (the default) for plain TCP. */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException with one sentence naming a value out of range
         * @throws NullPointerException naming a value left null
         */
        public ServerConfig build() {
            return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                    floodSize, floodRate, tls);
        }
    }
}
