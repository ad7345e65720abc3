package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.session.ReconnectPolicy;
import dev.tincan.session.Session;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The connect command's liveness flags: reconnecting after the server goes away, TCP
 * keep-alive, reporting a silent server, and a heartbeat sent while nothing else goes out.
 * A mixin of its own, so these flags sit together in the help.
 */
final class LivenessOptions {
    /** {@code --reconnect-max} when not given. */
    static final String DEFAULT_RECONNECT_MAX = "0";
    /** {@code --heartbeat-every} when not given. */
    static final String DEFAULT_HEARTBEAT_EVERY = "10s";

    @Option(names = "--reconnect",
            description = "When the server closes the connection or it fails, connect again after a growing, "
                    + "randomised wait (up to 500ms, then 1s, 2s, ... at most 30s); lines typed meanwhile are sent "
                    + "in order once connected again (up to 1000 lines or 1 MiB).")
    boolean reconnect;

    @Option(names = "--reconnect-max", paramLabel = "N", defaultValue = DEFAULT_RECONNECT_MAX,
            description = "Give up after N reconnect attempts in a row; 0 (the default) never gives up.")
    int reconnectMax;

    @Option(names = "--keepalive",
            description = "Turn on TCP keep-alive, so the system probes a silent server and notices a dead one.")
    boolean keepAlive;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Report on standard error when nothing has come from the server for DURATION, once per "
                    + "silent stretch; the connection stays open.")
    Duration idleTimeout;

    @Option(names = "--heartbeat", paramLabel = "TEXT",
            description = "Send TEXT as one frame whenever nothing has been sent for the --heartbeat-every time.")
    String heartbeat;

    @Option(names = "--heartbeat-every", paramLabel = "DURATION", defaultValue = DEFAULT_HEARTBEAT_EVERY,
            converter = DurationConverter.class,
            description = "How long the sending side may stay quiet before the heartbeat goes out (default: "
                    + "${DEFAULT-VALUE}).")
    Duration heartbeatEvery;

    /** {@code options} with keep-alive and the idle timeout as given. */
    ConnectOptions apply(ConnectOptions options) {
        return options.toBuilder().keepAlive(keepAlive).idleTimeout(idleTimeout == null ? Duration.ZERO : idleTimeout)
                .build();
    }

    /**
     * Sets up reconnecting and the heartbeat on {@code session}.
     *
     * @throws CommandFailedException with a sentence when a value is out of range
     */
    void apply(Session session) {
        try {
            if (reconnect) {
                session.setReconnect(ReconnectPolicy.builder().maxAttempts(reconnectMax).build());
            }
            if (heartbeat != null) {
                session.setHeartbeat(Bytes.utf8(heartbeat), heartbeatEvery);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }
}
