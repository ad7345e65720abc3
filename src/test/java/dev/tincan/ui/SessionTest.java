package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.Failure;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Pairing;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(4);
    private final TranscriptModel transcript = new TranscriptModel(new WallClock(), 1000, Long.MAX_VALUE);
    private final TrafficStats stats = new TrafficStats();
    private final ActivityModel activity = new ActivityModel();
    private final Session session = new Session(commands, transcript, stats, activity, () -> 0L);
    private final List<ConnectionStatus> statuses = new ArrayList<>();

    SessionTest() {
        session.addStatusListener(statuses::add);
    }

    private void apply(ClientReply... replies) throws Exception {
        SwingUtilities.invokeAndWait(() -> session.accept(List.of(replies)));
    }

    private ClientCommand.Connect connect() {
        assertThat(session.connect("127.0.0.1", 50007, Framing.parse("line"))).isNull();
        return (ClientCommand.Connect) commands.poll();
    }

    private static ClientReply.Connected connected(ClientCommand.Connect c) {
        return new ClientReply.Connected(c, new InetSocketAddress("127.0.0.1", 50007),
                new InetSocketAddress("127.0.0.1", 41234), seq(), 1);
    }

    /** Sequence numbers as the engine gives them: one after another. */
    private static long seq;

    private static long seq() {
        return ++seq;
    }

    private static ClientReply.Sent sent(ClientCommand.Send send, long nanos) {
        return new ClientReply.Sent(send, send.payload().length() + 1, seq(), nanos);
    }

    private static ClientReply.Received received(String text, long nanos) {
        return new ClientReply.Received(null, Bytes.utf8(text), seq(), nanos);
    }

    private ClientCommand.Send sendText(String text) {
        assertThat(session.send(Bytes.utf8(text))).isNull();
        return (ClientCommand.Send) commands.poll();
    }

    @Test
    void connectPutsTheCommandAndSaysConnecting() {
        ClientCommand.Connect c = connect();

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.options().framing().spec()).isEqualTo("line");
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.CONNECTING);
        assertThat(session.status().sentence()).isEqualTo("connecting to 127.0.0.1:50007…");
        assertThat(activity.state()).isEqualTo(ActivityModel.State.CONNECTING);
    }

    @Test
    void connectedSaysWhereFromInWords() throws Exception {
        apply(connected(connect()));

        assertThat(session.status().sentence()).isEqualTo("connected to 127.0.0.1:50007 (from local port 41234)");
        assertThat(session.status().peer()).isEqualTo("127.0.0.1:50007");
        assertThat(activity.state()).isEqualTo(ActivityModel.State.CONNECTED);
    }

    @Test
    void aFrameReceivedAfterASendGetsTheRoundTripTime() throws Exception {
        apply(connected(connect()));
        assertThat(session.send(Bytes.utf8("hello"))).isNull();
        ClientCommand.Send send = (ClientCommand.Send) commands.poll();

        apply(sent(send, 1_000_000), received("hello", 1_250_000), received("pushed", 2_000_000));

        int last = transcript.getRowCount() - 1;
        assertThat(transcript.row(last - 2).kind()).isEqualTo(TranscriptRow.Kind.SENT);
        assertThat(transcript.row(last - 2).pair()).isEqualTo(transcript.seq(last - 1));
        assertThat(transcript.row(last - 1).rttNanos()).isEqualTo(250_000);
        assertThat(transcript.row(last - 1).pair()).isEqualTo(transcript.seq(last - 2));
        assertThat(transcript.row(last).rttNanos()).isEqualTo(-1);
        assertThat(transcript.row(last).pair()).isZero();
        assertThat(stats.lastRttNanos()).isEqualTo(250_000);
        assertThat(stats.framesIn()).isEqualTo(2);
        assertThat(stats.framesOut()).isEqualTo(1);
        assertThat(stats.bytesOut()).as("payload bytes, as counted in").isEqualTo(5);
    }

    @Test
    void aRefusedConnectToThisMachineOffersTheEchoServer() throws Exception {
        ClientCommand.Connect c = connect();
        apply(new ClientReply.Error(c, Failure.REFUSED, "connect to 127.0.0.1:50007 failed: connection refused "
                + "(is a server listening on port 50007?).", seq(), 2));

        assertThat(session.status().offerEchoServer()).isTrue();
        assertThat(session.status().failed()).isTrue();
        assertThat(session.status().sentence()).isEqualTo("connect to 127.0.0.1:50007 failed: connection refused"
                + " — start a server there, or press 'Start echo server and connect'.");
        assertThat(transcript.row(transcript.getRowCount() - 1).message()).endsWith("listening on port 50007?).");
        assertThat(activity.state()).isEqualTo(ActivityModel.State.ERROR);
    }

    @Test
    void aTimeoutDoesNotOfferTheEchoServer() throws Exception {
        ClientCommand.Connect c = connect();
        // The words say "refused", but the cause decides: no offer for a timeout.
        apply(new ClientReply.Error(c, Failure.TIMED_OUT, "connect to 127.0.0.1:50007 failed: timed out after 5 s "
                + "(a firewall may have refused it).", seq(), 2));

        assertThat(session.status().offerEchoServer()).isFalse();
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.IDLE);
    }

    @Test
    void aCloseByTheServerIsReportedInItsWords() throws Exception {
        apply(connected(connect()));
        apply(new ClientReply.Closed(null, ClientReply.By.SERVER, null, "closed by the server", seq(), 3));

        assertThat(session.status().sentence()).isEqualTo("closed by the server");
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.IDLE);
        assertThat(transcript.row(transcript.getRowCount() - 1).message()).isEqualTo("closed by the server");
    }

    @Test
    void disconnectSaysDisconnectedOnceConfirmed() throws Exception {
        apply(connected(connect()));
        assertThat(session.disconnect()).isNull();
        ClientCommand close = commands.poll();
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.CLOSING);

        apply(new ClientReply.Closed(close, ClientReply.By.CLIENT, null, "closed", seq(), 4));

        assertThat(session.status().sentence()).isEqualTo("disconnected from 127.0.0.1:50007");
        assertThat(statuses).extracting(ConnectionStatus::phase).containsExactly(ConnectionStatus.Phase.CONNECTING,
                ConnectionStatus.Phase.CONNECTED, ConnectionStatus.Phase.CLOSING, ConnectionStatus.Phase.IDLE);
    }

    @Test
    void sendingWhileNotConnectedIsRefusedInWords() {
        assertThat(session.send(Bytes.utf8("x"))).isEqualTo("not connected: connect first (Ctrl+K), then send.");
        assertThat(commands).isEmpty();
    }

    @Test
    void aFullCommandQueueIsReportedNotWaitedOn() throws Exception {
        apply(connected(connect()));
        for (int i = 0; i < 4; i++) {
            assertThat(session.send(Bytes.utf8("x"))).isNull();
        }

        assertThat(session.send(Bytes.utf8("x")))
                .isEqualTo("the connection is busy (4 commands waiting): try again in a moment.");
    }

    @Test
    void aBadPortIsRefusedWithTheEnginesSentence() {
        assertThat(session.connect("127.0.0.1", 70000, Framing.parse("line")))
                .isEqualTo("port 70000 is out of range: use 1 to 65535.");
        assertThat(commands).isEmpty();
    }

    @Test
    void shutdownReplacesWaitingCommandsEvenWhenTheQueueIsFull() throws Exception {
        apply(connected(connect()));
        for (int i = 0; i < 4; i++) {
            assertThat(session.send(Bytes.utf8("x"))).isNull();
        }
        assertThat(commands.remainingCapacity()).isZero();

        session.shutdown();

        assertThat(commands).singleElement().isInstanceOf(ClientCommand.Shutdown.class);
    }

    @Test
    void aPushedFrameBeforeAnySendHasNoRoundTrip() throws Exception {
        apply(connected(connect()));
        ClientCommand.Send send = sendText("ping");

        apply(received("tick", 100), sent(send, 200), received("ping", 700));

        List<TranscriptRow> rows = transcript.snapshot();
        TranscriptRow tick = rows.get(rows.size() - 3);
        TranscriptRow reply = rows.get(rows.size() - 1);
        assertThat(tick.rttNanos()).isEqualTo(-1);
        assertThat(tick.pair()).isZero();
        assertThat(reply.rttNanos()).isEqualTo(500);
        assertThat(stats.lastRttNanos()).isEqualTo(500);
    }

    @Test
    void underTheEchoRuleOnlyTheSameBytesAnswerASend() throws Exception {
        session.setPairing(Pairing.ECHO);
        apply(connected(connect()));
        ClientCommand.Send send = sendText("ping");

        apply(sent(send, 100), received("flood 1", 150), received("flood 2", 180), received("ping", 400));

        List<TranscriptRow> rows = transcript.snapshot();
        assertThat(rows.get(rows.size() - 3).rttNanos()).isEqualTo(-1);
        assertThat(rows.get(rows.size() - 2).rttNanos()).isEqualTo(-1);
        assertThat(rows.get(rows.size() - 1).rttNanos()).isEqualTo(300);
        assertThat(rows.get(rows.size() - 4).pair()).isEqualTo(transcript.seq(rows.size() - 1));
    }

    @Test
    void aSendIsAnsweredInALaterBatchAndItsRowShowsTheReply() throws Exception {
        apply(connected(connect()));
        ClientCommand.Send send = sendText("ping");
        apply(sent(send, 100));
        int sentIndex = transcript.getRowCount() - 1;

        apply(received("pong", 900));

        assertThat(transcript.row(sentIndex).pair()).isEqualTo(transcript.seq(sentIndex + 1));
        assertThat(transcript.getValueAt(sentIndex, TranscriptModel.COL_PAIR))
                .isEqualTo("→ #" + transcript.seq(sentIndex + 1));
    }

    @Test
    void nothingPairsAcrossConnections() throws Exception {
        apply(connected(connect()));
        ClientCommand.Send send = sendText("ping");
        apply(sent(send, 100), new ClientReply.Closed(null, ClientReply.By.SERVER, null, "closed by the server.",
                seq(), 200));
        apply(connected(connect()), received("late pong", 300));

        TranscriptRow last = transcript.row(transcript.getRowCount() - 1);
        assertThat(last.rttNanos()).isEqualTo(-1);
        assertThat(last.pair()).isZero();
    }

    @Test
    void receiveOneIsRefusedUnlessTheConnectionReadsOnlyWhenAsked() throws Exception {
        assertThat(session.receiveOne()).startsWith("not connected");
        apply(connected(connect()));
        assertThat(session.receiveOne()).contains("'Read only when asked'");
        assertThat(commands).isEmpty();
    }

    @Test
    void aConnectionThatReadsOnlyWhenAskedTakesReceiveCommands() throws Exception {
        session.setReadOnlyWhenAsked(true);
        ClientCommand.Connect c = connect();
        assertThat(c.options().pull()).isTrue();
        apply(connected(c));

        assertThat(session.receiveOne()).isNull();
        assertThat(commands.poll()).isInstanceOf(ClientCommand.Receive.class);
    }
}
