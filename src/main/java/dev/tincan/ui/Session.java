package dev.tincan.ui;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.swing.SwingUtilities;

/**
 * The window's side of one client thread: turns a person's actions into
 * {@link ClientCommand}s with a non-blocking {@code offer}, and each batch of
 * {@link ClientReply}s from the {@link ReplyPump} into transcript rows, traffic counts,
 * indicator activity and one {@link ConnectionStatus}. Nothing here blocks or touches a
 * socket. Confined to the EDT.
 */
final class Session {
    private final BlockingQueue<ClientCommand> commands;
    private final TranscriptModel transcript;
    private final TrafficStats stats;
    private final ActivityModel activity;
    private final LongSupplier clock;
    private final List<Consumer<ConnectionStatus>> listeners = new CopyOnWriteArrayList<>();
    private ConnectionStatus status = ConnectionStatus.idle("not connected");
    private String target;
    private Framing framing;
    private long lastSentNanos = -1;

    Session(BlockingQueue<ClientCommand> commands, TranscriptModel transcript, TrafficStats stats,
            ActivityModel activity, LongSupplier clock) {
        this.commands = commands;
        this.transcript = transcript;
        this.stats = stats;
        this.activity = activity;
        this.clock = clock;
    }

    /** Calls {@code listener} on the EDT whenever the status changes. */
    void addStatusListener(Consumer<ConnectionStatus> listener) {
        listeners.add(listener);
    }

    ConnectionStatus status() {
        return status;
    }

    /** The framing of the current or last connection, or {@code null} before the first. */
    Framing framing() {
        return framing;
    }

    /**
     * Asks to connect. Returns {@code null} when the command is on its way, or one sentence
     * saying why it is not (bad host or port, already connected, queue full).
     */
    String connect(String host, int port, Framing framing) {
        ConnectionStatus.Phase phase = status.phase();
        if (phase == ConnectionStatus.Phase.CONNECTING || phase == ConnectionStatus.Phase.CONNECTED) {
            return "already " + (phase == ConnectionStatus.Phase.CONNECTED ? "connected to " : "connecting to ")
                    + target + ": disconnect first.";
        }
        ClientCommand.Connect connect;
        try {
            connect = new ClientCommand.Connect(host, port, ConnectOptions.defaults().withFraming(framing));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!commands.offer(connect)) {
            return busy();
        }
        this.framing = framing;
        this.target = connect.host() + ":" + port;
        lastSentNanos = -1;
        long now = clock.getAsLong();
        transcript.append(List.of(TranscriptRow.event("connecting to " + target + " (" + framing.spec()
                + " framing)", now)));
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.CONNECTING, "connecting to " + target + "…", false,
                null, false));
        return null;
    }

    /** Asks to send one frame. Returns {@code null} when on its way, else why not, in one sentence. */
    String send(Bytes payload) {
        if (!status.isConnected()) {
            return "not connected: connect first (Ctrl+K), then send.";
        }
        return commands.offer(new ClientCommand.Send(payload)) ? null : busy();
    }

    /** Asks to close the connection. Returns {@code null} when on its way, else why not. */
    String disconnect() {
        ConnectionStatus.Phase phase = status.phase();
        if (phase != ConnectionStatus.Phase.CONNECTED && phase != ConnectionStatus.Phase.CONNECTING) {
            return "not connected.";
        }
        if (!commands.offer(new ClientCommand.Close())) {
            return busy();
        }
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.CLOSING, "closing the connection to " + target + "…",
                false, status.peer(), false));
        return null;
    }

    /** Ends the client thread: drops waiting commands, then asks for {@code Shutdown}. */
    void shutdown() {
        commands.clear();
        if (!commands.offer(new ClientCommand.Shutdown())) {
            throw new IllegalStateException("the command queue refused Shutdown right after being cleared");
        }
    }

    private String busy() {
        return "the connection is busy (" + commands.size() + " commands waiting): try again in a moment.";
    }

    private static final Comparator<ClientReply> BY_TIME = Comparator.comparingLong(ClientReply::nanos);

    /** The reply pump's sink: applies one batch of replies; the transcript updates once. */
    void accept(List<ClientReply> batch) {
        assert SwingUtilities.isEventDispatchThread() : "replies are applied on the EDT";
        // Reader and writer post from separate threads, so an echo can be queued before the
        // Sent of the frame it answers. All times come from one clock and a Sent is stamped
        // when its write begins: in time order the send comes first and its RTT is right.
        List<ClientReply> ordered = new ArrayList<>(batch);
        ordered.sort(BY_TIME);
        List<TranscriptRow> rows = new ArrayList<>(batch.size());
        ConnectionStatus next = status;
        boolean in = false;
        boolean out = false;
        for (ClientReply reply : ordered) {
            if (reply instanceof ClientReply.Received r) {
                long rtt = lastSentNanos >= 0 ? r.nanos() - lastSentNanos : -1;
                lastSentNanos = -1;
                rows.add(TranscriptRow.received(r.frame(), r.nanos(), rtt));
                stats.received(r.frame().length());
                if (rtt >= 0) {
                    stats.roundTrip(rtt);
                }
                in = true;
            } else if (reply instanceof ClientReply.Sent s) {
                rows.add(TranscriptRow.sent(s.command().payload(), s.wireBytes(), s.nanos()));
                stats.sent(s.wireBytes());
                lastSentNanos = s.nanos();
                out = true;
            } else if (reply instanceof ClientReply.Connected c) {
                String peer = address(c.remote());
                String sentence = "connected to " + peer + " (from local port " + c.local().getPort() + ")";
                rows.add(TranscriptRow.event(sentence, c.nanos()));
                next = new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, sentence, false, peer, false);
            } else if (reply instanceof ClientReply.Closed c) {
                boolean failed = c.by() == ClientReply.By.ERROR;
                String sentence = c.by() == ClientReply.By.CLIENT ? "disconnected from " + target : c.reason();
                rows.add(failed ? TranscriptRow.error(sentence, c.nanos()) : TranscriptRow.event(sentence, c.nanos()));
                next = new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, failed, null, false);
            } else if (reply instanceof ClientReply.Error e) {
                rows.add(TranscriptRow.error(e.message(), e.nanos()));
                next = afterError(e, next);
            } else if (reply instanceof ClientReply.Stopped s) {
                next = new ConnectionStatus(ConnectionStatus.Phase.STOPPED, "stopped", false, null, false);
            }
        }
        transcript.append(rows);
        long now = clock.getAsLong();
        if (in) {
            activity.traffic(true, now);
        }
        if (out) {
            activity.traffic(false, now);
        }
        setStatus(next);
    }

    private ConnectionStatus afterError(ClientReply.Error e, ConnectionStatus current) {
        if (e.command() instanceof ClientCommand.Connect c) {
            boolean offer = isRefused(e.message()) && isThisMachine(c.host());
            String sentence = offer ? "connect to " + target + " failed: connection refused — start a server there,"
                    + " or press '" + WindowActions.START_ECHO_SERVER + "'." : e.message();
            return new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, true, null, offer);
        }
        if (e.command() instanceof ClientCommand.Close && current.phase() == ConnectionStatus.Phase.CLOSING) {
            return new ConnectionStatus(ConnectionStatus.Phase.IDLE, "not connected", false, null, false);
        }
        return current;
    }

    private void setStatus(ConnectionStatus next) {
        if (next.equals(status)) {
            return;
        }
        status = next;
        activity.setState(stateOf(next));
        for (Consumer<ConnectionStatus> l : listeners) {
            l.accept(next);
        }
    }

    private static ActivityModel.State stateOf(ConnectionStatus s) {
        switch (s.phase()) {
            case CONNECTING:
                return ActivityModel.State.CONNECTING;
            case CONNECTED:
            case CLOSING:
                return ActivityModel.State.CONNECTED;
            default:
                return s.failed() ? ActivityModel.State.ERROR : ActivityModel.State.IDLE;
        }
    }

    static boolean isRefused(String message) {
        return message.toLowerCase(Locale.ROOT).contains("refused");
    }

    /** Whether {@code host} names this machine: localhost, 127.x.x.x or ::1. */
    static boolean isThisMachine(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /** {@code 127.0.0.1:50007}; IPv6 addresses in brackets. */
    static String address(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
