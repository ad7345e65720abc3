package dev.tincan.server;

import dev.tincan.codec.FixedLengthFraming;
import dev.tincan.codec.Framing;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CompanionServer} listens and behaves. Immutable; the {@code with...} methods
 * return changed copies, and every value is checked when a config is made, with one
 * sentence naming the value and the range.
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
 */
public record ServerConfig(InetAddress bind, int port, Framing framing, Mode mode, int maxClients,
        int maxFrameLength, Duration tickInterval, long floodCount, int floodSize, long floodRate) {

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
     * frames, a tick every second, floods of 100000 frames of 64 bytes.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(InetAddress.getLoopbackAddress(), DEFAULT_PORT, Framing.parse("line"), Mode.ECHO,
                64, Framing.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(1), 100_000, 64);
    }

    /** A copy listening on {@code bind}. */
    public ServerConfig withBind(InetAddress bind) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy listening on {@code port}; 0 picks any free port. */
    public ServerConfig withPort(int port) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy using {@code framing}. */
    public ServerConfig withFraming(Framing framing) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy in {@code mode}. */
    public ServerConfig withMode(Mode mode) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy holding at most {@code maxClients} clients at once. */
    public ServerConfig withMaxClients(int maxClients) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy accepting frames of at most {@code maxFrameLength} bytes. */
    public ServerConfig withMaxFrameLength(int maxFrameLength) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy ticking every {@code tickInterval} in {@link Mode#TICKER} mode. */
    public ServerConfig withTickInterval(Duration tickInterval) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy sending {@code floodCount} frames on connect in {@link Mode#FLOOD} mode. */
    public ServerConfig withFloodCount(long floodCount) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** A copy whose flood frames carry {@code floodSize} bytes each. */
    public ServerConfig withFloodSize(int floodSize) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }

    /** This configuration with another flood rate, in frames per second; 0 for unpaced. */
    public ServerConfig withFloodRate(long floodRate) {
        return new ServerConfig(bind, port, framing, mode, maxClients, maxFrameLength, tickInterval, floodCount,
                floodSize, floodRate);
    }
}
