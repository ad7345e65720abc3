package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener runs each client it accepts as a session of its own, over real loopback sockets. */
class ListenerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<Listener> listeners = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        for (Listener l : listeners) {
            l.close();
        }
        for (Session s : sessions) {
            assertThat(s.awaitStopped(ReplyRecorder.TIMEOUT_MILLIS)).as(s.threadName() + " stopped").isTrue();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private static ConnectOptions line() {
        return ConnectOptions.builder().framing(Framing.parse("line")).build();
    }

    private Listener listen(int maxClients, Consumer<Session> setup) throws IOException {
        Listener l = Listener.start(new ListenConfig(LOOPBACK, 0, line(), maxClients, setup));
        listeners.add(l);
        return l;
    }

    private Socket connect(Listener l) throws IOException {
        Socket s = new Socket(LOOPBACK, l.address().getPort());
        sockets.add(s);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    private static String readLine(Socket s) throws IOException {
        s.setSoTimeout((int) ReplyRecorder.TIMEOUT_MILLIS);
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private <E extends Listener.Event> E next(Listener l, Class<E> type) throws InterruptedException {
        Listener.Event e = l.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(e).as("an event within " + ReplyRecorder.TIMEOUT_MILLIS + " ms").isInstanceOf(type);
        if (e instanceof Listener.Event.Accepted a) {
            sessions.add(a.client().session());
        }
        return type.cast(e);
    }

    /** Drains {@code session} until a row matches, failing after the timeout; returns every row taken. */
    static List<TranscriptRow> drainUntil(Session session, Predicate<TranscriptRow> wanted)
            throws InterruptedException {
        List<TranscriptRow> rows = new ArrayList<>();
        long deadline = System.nanoTime() + ReplyRecorder.TIMEOUT_MILLIS * 1_000_000L;
        while (rows.stream().noneMatch(wanted)) {
            assertThat(System.nanoTime() - deadline).as("a matching row in time; rows so far: " + rows).isNegative();
            session.take(256, 20);
            rows.addAll(session.changes().rows());
        }
        return rows;
    }

    private static Predicate<TranscriptRow> received(String text) {
        return r -> r.kind() == TranscriptRow.Kind.RECEIVED && r.payload().equals(bytes(text));
    }

    private static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachClientGetsASessionWhoseTranscriptShowsItsFrames() throws Exception {
        Listener l = listen(10, s -> { });
        List<Socket> peers = List.of(connect(l), connect(l), connect(l));
        List<Listener.Client> accepted = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            accepted.add(next(l, Listener.Event.Accepted.class).client());
        }
        assertThat(accepted).extracting(Listener.Client::id).containsExactly(1, 2, 3);
        assertThat(l.clients()).containsExactlyElementsOf(accepted);
        assertThat(l.connected()).isEqualTo(3);
        for (Listener.Client c : accepted) {
            Socket peer = peers.stream().filter(p -> p.getLocalPort() == c.remote().getPort()).findFirst().orElseThrow();
            write(peer, "hello from " + c.id() + "\n");
        }
        for (Listener.Client c : accepted) {
            List<TranscriptRow> rows = drainUntil(c.session(), received("hello from " + c.id()));
            assertThat(rows).filteredOn(r -> r.kind() == TranscriptRow.Kind.RECEIVED).hasSize(1);
            assertThat(rows.get(0).message()).isEqualTo("127.0.0.1:" + c.remote().getPort() + " connected (to local port "
                    + l.address().getPort() + ")");
            assertThat(c.label()).isEqualTo("#" + c.id() + " 127.0.0.1:" + c.remote().getPort());
        }
    }

    @Test
    void broadcastReachesEveryConnectedClient() throws Exception {
        Listener l = listen(10, s -> { });
        assertThat(l.broadcast(bytes("nobody"))).isEqualTo("no client is connected, so nothing was sent.");
        Socket a = connect(l);
        Socket b = connect(l);
        next(l, Listener.Event.Accepted.class);
        next(l, Listener.Event.Accepted.class);
        assertThat(l.broadcast(bytes("to all"))).isNull();
        assertThat(readLine(a)).isEqualTo("to all");
        assertThat(readLine(b)).isEqualTo("to all");
    }

    @Test
    void theCapTurnsOneAwayWithASentenceAndALeavingClientFreesItsSlot() throws Exception {
        Listener l = listen(2, s -> { });
        Socket first = connect(l);
        connect(l);
        Session firstSession = next(l, Listener.Event.Accepted.class).client().session();
        next(l, Listener.Event.Accepted.class);
        Socket third = connect(l);
        Listener.Event.TurnedAway away = next(l, Listener.Event.TurnedAway.class);
        assertThat(away.remote().getPort()).isEqualTo(third.getLocalPort());
        assertThat(away.sentence()).isEqualTo("client 127.0.0.1:" + third.getLocalPort() + " turned away: 2 clients "
                + "are connected (the cap); disconnect one or raise --max-clients.");
        assertThat(third.getInputStream().read()).as("the turned-away socket is closed").isEqualTo(-1);

        first.close();
        drainUntil(firstSession, r -> r.kind() == TranscriptRow.Kind.EVENT && r.message().contains("closed"));
        assertThat(l.connected()).isEqualTo(1);
        Socket fourth = connect(l);
        assertThat(next(l, Listener.Event.Accepted.class).client().remote().getPort()).isEqualTo(fourth.getLocalPort());
        assertThat(l.connected()).isEqualTo(2);
    }

    @Test
    void setupTapsSeeTheFirstFrame() throws Exception {
        BlockingQueue<ClientReply> tapped = new ArrayBlockingQueue<>(100);
        List<ConnectionStatus.Phase> phaseAtSetup = new java.util.concurrent.CopyOnWriteArrayList<>();
        Listener l = listen(10, s -> {
            phaseAtSetup.add(s.status().phase());
            s.addTap(tapped::add);
        });
        Socket peer = new Socket();
        sockets.add(peer);
        peer.connect(l.address());
        write(peer, "first\n");
        next(l, Listener.Event.Accepted.class);
        assertThat(phaseAtSetup).as("set up before its connection is handed over")
                .containsExactly(ConnectionStatus.Phase.IDLE);
        assertThat(tapped.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ClientReply.Connected.class);
        ClientReply frame = tapped.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(frame).isInstanceOf(ClientReply.Received.class);
        assertThat(((ClientReply.Received) frame).frame()).isEqualTo(bytes("first"));
    }

    @Test
    void forgetShutsTheClientDownAndUnlistsIt() throws Exception {
        Listener l = listen(10, s -> { });
        Socket peer = connect(l);
        Listener.Client c = next(l, Listener.Event.Accepted.class).client();
        assertThat(l.forget(c.id())).isTrue();
        assertThat(l.client(c.id())).isNull();
        assertThat(l.clients()).isEmpty();
        assertThat(l.forget(c.id())).isFalse();
        assertThat(peer.getInputStream().read()).as("the forgotten client's socket is closed").isEqualTo(-1);
    }

    @Test
    void closeFreesThePortAtOnceAndLeavesNoThreads() throws Exception {
        Listener l = listen(10, s -> { });
        int port = l.address().getPort();
        Socket peer = connect(l);
        Session session = next(l, Listener.Event.Accepted.class).client().session();
        drainUntil(session, r -> r.kind() == TranscriptRow.Kind.EVENT && r.message().endsWith("connected (to local port "
                + port + ")"));
        l.close();
        try (ServerSocket again = Binding.bind(LOOPBACK, port, "test")) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        drainUntil(session, r -> r.kind() == TranscriptRow.Kind.EVENT && r.message().startsWith("disconnected"));
        assertThat(peer.getInputStream().read()).as("the client's socket is closed").isEqualTo(-1);
        assertThat(session.awaitStopped(ReplyRecorder.TIMEOUT_MILLIS)).isTrue();
        Threads.assertNoneLeft("tincan-");
    }

    @Test
    void aPortInUseFailsWithOneSentence() throws Exception {
        try (ServerSocket taken = Binding.bind(LOOPBACK, 0, "test")) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Listener.start(new ListenConfig(LOOPBACK, port, line(), 10, s -> { })))
                    .isInstanceOf(IOException.class)
                    .hasMessage("listen on 127.0.0.1:" + port + " failed: the port is in use; pick another port or "
                            + "stop what holds it.");
        }
    }
}
