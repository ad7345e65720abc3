package dev.tincan.client;

import dev.tincan.codec.Framing;
import java.time.Duration;
import java.util.Objects;

/**
 * How to connect and how to read: the framing, the maximum frame length, the connect
 * timeout, and whether frames are read continuously (push mode, the default) or only when
 * a {@link ClientCommand.Receive} asks for one (pull mode, as in the original pattern).
 *
 * @param framing how messages are delimited on the wire
 * @param maxFrameLength the longest frame accepted from the peer, in bytes
 * @param connectTimeout how long a connect may take
 * @param pull read frames only when asked with {@code Receive}
 * @param writeTimeout how long one write may stay blocked because the peer reads nothing
 *     before the connection is given up
 */
public record ConnectOptions(Framing framing, int maxFrameLength, Duration connectTimeout, boolean pull,
        Duration writeTimeout) {
    /** The connect timeout when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The write timeout when none is given. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(15);

    /** Validates every field; the messages name the field and the value. */
    public ConnectOptions {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Framing.checkMaxFrameLength(maxFrameLength);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout " + connectTimeout.toMillis()
                    + " ms is not positive: use e.g. 5s.");
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("write timeout " + writeTimeout.toMillis()
                    + " ms is not positive: use e.g. 15s.");
        }
    }

    /** Options with the default write timeout. */
    public ConnectOptions(Framing framing, int maxFrameLength, Duration connectTimeout, boolean pull) {
        this(framing, maxFrameLength, connectTimeout, pull, DEFAULT_WRITE_TIMEOUT);
    }

    /** {@code line} framing, 16 MiB max frame, 5 s connect timeout, push mode, 15 s write timeout. */
    public static ConnectOptions defaults() {
        return new ConnectOptions(Framing.parse("line"), Framing.DEFAULT_MAX_FRAME_LENGTH, DEFAULT_CONNECT_TIMEOUT,
                false);
    }

    /** These options with another framing. */
    public ConnectOptions withFraming(Framing framing) {
        return new ConnectOptions(framing, maxFrameLength, connectTimeout, pull, writeTimeout);
    }

    /** These options with another maximum frame length. */
    public ConnectOptions withMaxFrameLength(int maxFrameLength) {
        return new ConnectOptions(framing, maxFrameLength, connectTimeout, pull, writeTimeout);
    }

    /** These options with another connect timeout. */
    public ConnectOptions withConnectTimeout(Duration connectTimeout) {
        return new ConnectOptions(framing, maxFrameLength, connectTimeout, pull, writeTimeout);
    }

    /** These options in pull mode ({@code true}) or push mode. */
    public ConnectOptions withPull(boolean pull) {
        return new ConnectOptions(framing, maxFrameLength, connectTimeout, pull, writeTimeout);
    }

    /** These options with another write timeout. */
    public ConnectOptions withWriteTimeout(Duration writeTimeout) {
        return new ConnectOptions(framing, maxFrameLength, connectTimeout, pull, writeTimeout);
    }
}
