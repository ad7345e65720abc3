package dev.tincan.ui;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.Failure;
import dev.tincan.codec.HostPort;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Pairer;
import dev.tincan.session.Pairing;
import java.net.InetSocketAddress;
import java.util.ArrayList;
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
 * indicator activity and one {@link ConnectionStatus}. Replies are taken in the order the
 * engine decided (their sequence numbers); which frame answers which send is the session's
 * {@link Pairing} rule, and each pair is shown in both rows. Nothing here blocks or touches
 * a socket. Confined to the EDT.
 */
final class Session {
    private final BlockingQueue<ClientCommand> commands;
    private final TranscriptModel transcript;
    private final TrafficStats stats;
    private final ActivityModel activity;
    private final LongSupplier clock;
    private final List<Consumer<ConnectionStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Pairer pairer = new Pairer(Pairing.NEXT);
    private ConnectionStatus status = ConnectionStatus.idle("not connected");
    private String target;
    private Framing framing;
    private boolean readOnlyWhenAsked;
    private boolean skipTooLong;
    /** Whether the open connection reads only when asked. */
    private boolean pullConnection;

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

    /** The rule that pairs received frames with sends. */
    Pairing pairing() {
        return pairer.rule();
    }

    /** Pairs by {@code rule} from now on; sends still waiting for a reply are forgotten. */
    void setPairing(Pairing rule) {
        pairer.setRule(rule);
    }

    /** Whether the next connection reads frames only when asked ({@link #receiveOne()}). */
    boolean readOnlyWhenAsked() {
        return readOnlyWhenAsked;
    }

    void setReadOnlyWhenAsked(boolean pull) {
        this.readOnlyWhenAsked = pull;
    }

    /** Whether the next connection skips frames over the max length instead of closing. */
    boolean skipTooLong() {
        return skipTooLong;
    }

    void setSkipTooLong(boolean skip) {
        this.skipTooLong = skip;
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
            connect = new ClientCommand.Connect(host, port, ConnectOptions.builder().framing(framing)
                    .pull(readOnlyWhenAsked).skipTooLong(skipTooLong).build());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!commands.offer(connect)) {
            return busy();
        }
        this.framing = framing;
        this.pullConnection = readOnlyWhenAsked;
        this.target = HostPort.of(connect.host(), port);
        long now = clock.getAsLong();
        String how = framing.spec() + " framing" + (readOnlyWhenAsked ? ", reading only when asked" : "")
                + (skipTooLong ? ", skipping frames that are too long" : "");
        transcript.append(List.of(TranscriptRow.event("connecting to " + target + " (" + how + ")", now)));
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.CONNECTING, "connecting to " + target + "…", false,
                null, false));
        return null;
    }

    /**
     * Asks to send one frame. Returns {@code null} when on its way, else why not, in one
     * sentence. This is the one place that decides a send needs a connection first.
     */
    String send(Bytes payload) {
        if (!status.isConnected()) {
            return "not connected: connect first (Ctrl+K), then send.";
        }
        return commands.offer(new ClientCommand.Send(payload)) ? null : busy();
    }

    /** Pull mode: asks for one frame. Returns {@code null} when on its way, else why not. */
    String receiveOne() {
        if (!status.isConnected()) {
            return "not connected: connect first (Ctrl+K), then ask for a frame.";
        }
        if (!pullConnection) {
            return "frames already arrive on their own: 'Receive one frame' is for connections made with "
                    + "'Read only when asked' on.";
        }
        return commands.offer(new ClientCommand.Receive()) ? null : busy();
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

    /**
     * Ends the client thread: drops the commands still waiting (a flood of sends must not
     * delay the close), then asks for {@code Shutdown}.
     */
    void shutdown() {
        commands.clear();
        if (!commands.offer(new ClientCommand.Shutdown())) {
            throw new IllegalStateException("the command queue refused Shutdown right after being cleared");
        }
    }

    private String busy() {
        return "the connection is busy (" + Formats.count(commands.size(), "command", "commands")
                + " waiting): try again in a moment.";
    }

    /**
     * The reply pump's sink: applies one batch of replies, in the order the engine gave
     * them; the transcript updates once.
     */
    void accept(List<ClientReply> batch) {
        assert SwingUtilities.isEventDispatchThread() : "replies are applied on the EDT";
        List<TranscriptRow> rows = new ArrayList<>(batch.size());
        long firstSeq = transcript.nextSeq();
        ConnectionStatus next = status;
        boolean in = false;
        boolean out = false;
        for (ClientReply reply : batch) {
            long rowSeq = firstSeq + rows.size();
            if (reply instanceof ClientReply.Received r) {
                Pairer.Pair pair = pairer.received(r.frame(), r.nanos());
                if (pair != null) {
                    rows.add(TranscriptRow.reply(r.frame(), r.nanos(), pair.rttNanos(), pair.sendId()));
                    answered(rows, firstSeq, pair.sendId(), rowSeq);
                    stats.roundTrip(pair.rttNanos());
                } else {
                    rows.add(TranscriptRow.received(r.frame(), r.nanos()));
                }
                stats.received(r.frame().length());
                in = true;
            } else if (reply instanceof ClientReply.Sent s) {
                rows.add(TranscriptRow.sent(s.command().payload(), s.wireBytes(), s.nanos()));
                pairer.sent(rowSeq, s.command().payload(), s.nanos());
                stats.sent(s.command().payload().length());
                out = true;
            } else if (reply instanceof ClientReply.Connected c) {
                pairer.reset();
                String peer = HostPort.of(c.remote());
                String sentence = "connected to " + peer + " (from local port " + c.local().getPort() + ")";
                rows.add(TranscriptRow.event(sentence, c.nanos()));
                next = new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, sentence, false, peer, false);
            } else if (reply instanceof ClientReply.Closed c) {
                pairer.reset();
                boolean failed = c.by() == ClientReply.By.ERROR;
                String sentence = c.by() == ClientReply.By.CLIENT ? "disconnected from " + target : c.reason();
                rows.add(failed ? TranscriptRow.error(sentence, c.nanos()) : TranscriptRow.event(sentence, c.nanos()));
                next = new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, failed, null, false);
            } else if (reply instanceof ClientReply.Error e) {
                rows.add(TranscriptRow.error(e.message(), e.nanos()));
                next = afterError(e, next);
            } else if (reply instanceof ClientReply.Stopped) {
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

    /** Marks the send in row {@code sentSeq} as answered, in this batch or in the transcript. */
    private void answered(List<TranscriptRow> rows, long firstSeq, long sentSeq, long replySeq) {
        if (sentSeq >= firstSeq) {
            int i = (int) (sentSeq - firstSeq);
            rows.set(i, rows.get(i).answeredBy(replySeq));
        } else {
            transcript.answered(sentSeq, replySeq);
        }
    }

    private ConnectionStatus afterError(ClientReply.Error e, ConnectionStatus current) {
        if (e.command() instanceof ClientCommand.Connect c) {
            boolean offer = e.cause() == Failure.REFUSED && isThisMachine(c.host());
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

    /** Whether {@code host} names this machine: localhost, 127.x.x.x or ::1. */
    static boolean isThisMachine(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }

}
