package dev.tincan.client;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of a {@link SocketClientThread}: from a {@link ClientCommand.Connect} whose
 * options ask for {@link ConnectOptions#udp() UDP} until that conversation ends, the thread
 * hands every command here, and the same replies come back as over TCP: {@code Connected},
 * one {@code Sent} or {@code Error} per {@code Send}, a {@code Received} per datagram (with
 * its source), {@code Closed}. A {@code Send} is never batched with the next: each is one
 * datagram. Used by the client thread, except {@link #endQuietly()}, which any thread may call.
 */
final class DatagramTransport {
    private static final Logger log = LoggerFactory.getLogger(DatagramTransport.class);

    private final ReplySink sink;
    private final int id;
    /** The open conversation; owned by the client thread, read by {@link #endQuietly()}. */
    private volatile DatagramConnection connection;
    private volatile boolean stopping;

    DatagramTransport(ReplySink sink, int id) {
        this.sink = sink;
        this.id = id;
    }

    /**
     * Whether {@code command} is for this transport: every command while a UDP conversation
     * is open, and a {@code Connect} asking for UDP while no TCP connection is open
     * ({@code tcpOpen}). Forgets a conversation its reader has ended first.
     */
    boolean takes(ClientCommand command, boolean tcpOpen) throws InterruptedException {
        reap();
        if (connection != null) {
            return true;
        }
        return !tcpOpen && command instanceof ClientCommand.Connect connect && connect.options().udp();
    }

    /** Handles a command {@link #takes} accepted. */
    void handle(ClientCommand command) throws InterruptedException {
        if (command instanceof ClientCommand.Opening opening) {
            open(opening);
        } else if (command instanceof ClientCommand.Send send) {
            send(send);
        } else if (command instanceof ClientCommand.Receive receive) {
            receive(receive);
        } else if (command instanceof ClientCommand.Close close) {
            end(close);
        } else {
            throw new IllegalArgumentException("command : " + command + " (expected: one the transport takes)");
        }
    }

    private void open(ClientCommand.Opening command) throws InterruptedException {
        String where = NetworkErrors.hostPort(command.host(), command.port());
        DatagramConnection open = connection;
        if (open != null || !(command instanceof ClientCommand.Connect)) {
            if (command instanceof ClientCommand.Adopt adopt) {
                closeQuietly(adopt.socket());
            }
            String why = open != null ? "already talking udp with " + open.peer() + "; close that first."
                    : "a udp conversation cannot take over a tcp connection.";
            error(command, Failure.ALREADY_CONNECTED, "connect to " + where + " refused: " + why);
            return;
        }
        ConnectOptions options = command.options();
        try {
            if (stopping) {
                throw new IOException("the client is shutting down");
            }
            InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(command.host()), command.port());
            DatagramConnection opened = DatagramConnection.open(remote, options, sink, where, id);
            connection = opened;
            if (stopping) {
                opened.endByOwner();
            }
            sink.post((seq, nanos) -> new ClientReply.Connected(command, opened.remote(), opened.local(), seq, nanos));
            opened.start();
            log.info("talking udp with {} ({}) from {}", where, HostPort.of(opened.remote()),
                    HostPort.of(opened.local()));
        } catch (IOException e) {
            Failure cause;
            String message;
            if (e instanceof Dialer.LocalAddressException) {
                cause = Failure.LOCAL_ADDRESS;
                message = "connect to udp " + where + " failed: " + e.getMessage() + ".";
            } else if (e instanceof java.net.UnknownHostException) {
                cause = Failure.UNKNOWN_HOST;
                message = NetworkErrors.connectFailed(command.host(), command.port(), e, 0);
            } else {
                cause = NetworkErrors.causeOf(e);
                message = "connect to udp " + where + " failed: " + NetworkErrors.describe(e) + ".";
            }
            log.info("{}", message);
            error(command, cause, message);
        }
    }

    /**
     * Sends one payload as one datagram. A payload longer than a datagram can carry is
     * refused, with nothing sent; otherwise {@code Sent} comes first, then the datagram goes
     * out, so the peer's answer always comes after it. A failure after that is said in an
     * {@code Error} of its own.
     */
    private void send(ClientCommand.Send command) throws InterruptedException {
        DatagramConnection conn = connection;
        Bytes payload = command.payload();
        int length = payload.length();
        if (length > conn.maxDatagram()) {
            error(command, Failure.DATAGRAM_TOO_LONG, "send failed: the message is " + length + " bytes, and one "
                    + "udp datagram to " + conn.peer() + " carries at most " + conn.maxDatagram() + " bytes; nothing "
                    + "was sent.");
            return;
        }
        sink.post((seq, nanos) -> new ClientReply.Sent(command, length, seq, nanos));
        try {
            conn.write(payload);
        } catch (IOException e) {
            writeFailed(conn, length, e);
        }
    }

    private void writeFailed(DatagramConnection conn, int length, IOException e) throws InterruptedException {
        if (conn.isEnded()) {
            log.debug("writing to udp {} after it ended: {}", conn.peer(), e.toString());
            return;
        }
        log.info("writing to udp {} failed: {}", conn.peer(), e.toString());
        if (e instanceof PortUnreachableException) {
            String sentence = conn.unreachable() + "; this message was not sent.";
            sink.post((seq, nanos) -> new ClientReply.Error(null, Failure.UNREACHABLE, sentence, seq, nanos));
        } else if (DatagramConnection.tooLong(e)) {
            String sentence = "the message of " + length + " bytes was not sent: it is longer than one datagram "
                    + "on the path to " + conn.peer() + " can carry (the system said: message too long).";
            sink.post((seq, nanos) -> new ClientReply.Error(null, Failure.DATAGRAM_TOO_LONG, sentence, seq, nanos));
        } else if (conn.endByOwner()) {
            connection = null;
            answerLeftoverReceives(conn, NetworkErrors.causeOf(e));
            Failure cause = NetworkErrors.causeOf(e);
            String reason = "the udp channel to " + conn.peer() + " failed: " + NetworkErrors.describe(e)
                    + "; the last message may not have been sent.";
            sink.post((seq, nanos) -> new ClientReply.Closed(null, ClientReply.By.ERROR, cause, reason, seq, nanos));
        } else {
            reap();
        }
    }

    private void receive(ClientCommand.Receive command) throws InterruptedException {
        DatagramConnection conn = connection;
        if (!conn.isPull()) {
            error(command, Failure.NOT_PULL_MODE, "receive is for pull mode only: in push mode frames arrive on "
                    + "their own.");
        } else if (!conn.requestReceive(command)) {
            error(command, Failure.TOO_MANY_RECEIVES, "receive refused: " + Connection.MAX_PENDING_RECEIVES
                    + " receives are already waiting for frames.");
        } else if (conn.isEnded()) {
            reap();
        }
    }

    /**
     * Ends the conversation for a {@code Close} or {@code Shutdown}, posting {@code Closed}
     * when this call ended it; does nothing when none is open.
     */
    void end(ClientCommand command) throws InterruptedException {
        DatagramConnection conn = connection;
        if (conn == null) {
            return;
        }
        connection = null;
        boolean won = conn.endByOwner();
        answerLeftoverReceives(conn, null);
        if (won) {
            sink.post((seq, nanos) -> new ClientReply.Closed(command, ClientReply.By.CLIENT, null,
                    "closed by the client.", seq, nanos));
        } else if (command instanceof ClientCommand.Close) {
            error(command, Failure.NOT_CONNECTED, "close: not connected; the udp channel had already ended.");
        }
    }

    /** Ends any conversation without a reply, from any thread; later connects are refused. */
    void endQuietly() {
        stopping = true;
        DatagramConnection conn = connection;
        connection = null;
        if (conn != null) {
            conn.endByOwner();
        }
    }

    /** Forgets a conversation the reader has ended, answering receives nobody will serve. */
    private void reap() throws InterruptedException {
        DatagramConnection conn = connection;
        if (conn != null && conn.isEnded()) {
            conn.awaitReader();
            connection = null;
            answerLeftoverReceives(conn, null);
        }
    }

    private void answerLeftoverReceives(DatagramConnection conn, Failure cause) throws InterruptedException {
        Failure why = cause != null ? cause : Failure.CONNECTION_ENDED;
        for (ClientCommand.Receive receive : conn.drainReceives()) {
            error(receive, why, "receive failed: the udp channel was closed.");
        }
    }

    private void error(ClientCommand command, Failure cause, String message) throws InterruptedException {
        sink.post((seq, nanos) -> new ClientReply.Error(command, cause, message, seq, nanos));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a socket failed", e);
        }
    }
}
