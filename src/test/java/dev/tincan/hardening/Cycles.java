package dev.tincan.hardening;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connect, send, receive the echo, close: many times over, through one client thread or a
 * fresh one each time. Every reply is checked and every wait is bounded; anything
 * unexpected throws an {@link AssertionError} naming the cycle. Used by the endurance test
 * and by {@link Endurance}.
 */
final class Cycles {
    private static final long TIMEOUT_MILLIS = 5000;

    private Cycles() {
    }

    /** {@code n} cycles against 127.0.0.1:{@code port} through one client thread, shut down at the end. */
    static void throughOneThread(int port, int n) {
        BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(8);
        BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(16);
        SocketClientThread client = new SocketClientThread(commands, replies);
        client.start();
        try {
            for (int i = 0; i < n; i++) {
                cycle(commands, replies, port, i);
            }
            shutdown(client, commands, replies);
        } finally {
            client.close();
        }
    }

    /** {@code n} cycles against 127.0.0.1:{@code port}, each through a client thread of its own. */
    static void throughFreshThreads(int port, int n) {
        for (int i = 0; i < n; i++) {
            BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(8);
            BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(16);
            SocketClientThread client = new SocketClientThread(commands, replies);
            client.start();
            try {
                cycle(commands, replies, port, i);
                shutdown(client, commands, replies);
            } finally {
                client.close();
            }
        }
    }

    private static void cycle(BlockingQueue<ClientCommand> commands, BlockingQueue<ClientReply> replies, int port,
            int i) {
        ClientCommand.Connect connect = new ClientCommand.Connect("127.0.0.1", port, ConnectOptions.defaults());
        put(commands, connect);
        expect(take(replies, ClientReply.Connected.class, i).command() == connect, "Connected answers Connect", i);
        Bytes payload = Bytes.utf8("cycle " + i);
        ClientCommand.Send send = new ClientCommand.Send(payload);
        put(commands, send);
        boolean sent = false;
        boolean echoed = false;
        while (!sent || !echoed) {
            ClientReply reply = take(replies, ClientReply.class, i);
            if (reply instanceof ClientReply.Sent s && !sent) {
                expect(s.command() == send, "Sent answers Send", i);
                sent = true;
            } else if (reply instanceof ClientReply.Received r && !echoed) {
                expect(r.frame().equals(payload), "the echo is the payload", i);
                echoed = true;
            } else {
                throw new AssertionError("cycle " + i + ": unexpected reply " + reply);
            }
        }
        ClientCommand.Close close = new ClientCommand.Close();
        put(commands, close);
        ClientReply.Closed closed = take(replies, ClientReply.Closed.class, i);
        expect(closed.command() == close && closed.by() == ClientReply.By.CLIENT, "Closed answers Close", i);
    }

    private static void shutdown(SocketClientThread client, BlockingQueue<ClientCommand> commands,
            BlockingQueue<ClientReply> replies) {
        ClientCommand.Shutdown shutdown = new ClientCommand.Shutdown();
        put(commands, shutdown);
        expect(take(replies, ClientReply.Stopped.class, -1).command() == shutdown, "Stopped answers Shutdown", -1);
        try {
            client.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + client.getName(), e);
        }
        expect(!client.isAlive(), client.getName() + " ended after Stopped", -1);
    }

    private static void put(BlockingQueue<ClientCommand> commands, ClientCommand command) {
        if (!commands.offer(command)) {
            throw new AssertionError("the command queue is full");
        }
    }

    private static <T extends ClientReply> T take(BlockingQueue<ClientReply> replies, Class<T> type, int cycle) {
        ClientReply reply;
        try {
            reply = replies.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted in cycle " + cycle, e);
        }
        if (reply == null) {
            throw new AssertionError("cycle " + cycle + ": no reply within " + TIMEOUT_MILLIS + " ms");
        }
        if (!type.isInstance(reply)) {
            throw new AssertionError("cycle " + cycle + ": expected " + type.getSimpleName() + ", got " + reply);
        }
        return type.cast(reply);
    }

    private static void expect(boolean holds, String what, int cycle) {
        if (!holds) {
            throw new AssertionError("cycle " + cycle + ": not so: " + what);
        }
    }
}
