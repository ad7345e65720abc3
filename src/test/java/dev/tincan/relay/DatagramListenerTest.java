package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.testing.DatagramPeer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The UDP listener against real datagram channels on 127.0.0.1. */
class DatagramListenerTest {
    private DatagramListener listener;
    private DatagramPeer peer;

    @AfterEach
    void tearDown() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (peer != null) {
            peer.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private DatagramListener.Event next() throws InterruptedException {
        DatagramListener.Event e = listener.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(e).as("an event within " + ReplyRecorder.TIMEOUT_MILLIS + " ms").isNotNull();
        return e;
    }

    @Test
    void aDatagramLongerThanTheMaxFrameIsSkippedWithASentenceAndTheNextIsRead() throws Exception {
        listener = DatagramListener.start(InetAddress.getLoopbackAddress(), 0, 100);
        peer = DatagramPeer.open();
        peer.send(listener.address(), new byte[101]);
        peer.send(listener.address(), "fits");

        DatagramListener.Event.Skipped skipped = (DatagramListener.Event.Skipped) next();
        assertThat(skipped.sentence()).isEqualTo("a datagram of 101 bytes from #1 127.0.0.1:" + peer.port()
                + " is longer than the max frame length of 100 bytes; it was skipped.");
        DatagramListener.Event.Datagram d = (DatagramListener.Event.Datagram) next();
        assertThat(d.payload().utf8()).isEqualTo("fits");
        assertThat(d.peer()).isEqualTo(skipped.peer());
    }

    @Test
    void aMessageLongerThanADatagramIsNotSentAndSaysWhy() throws Exception {
        listener = DatagramListener.start(InetAddress.getLoopbackAddress(), 0, 100);
        peer = DatagramPeer.open();
        assertThat(listener.send(peer.address(), Bytes.of(new byte[65_508]))).isEqualTo("not sent to 127.0.0.1:"
                + peer.port() + ": the message is 65508 bytes, and one udp datagram carries at most 65507 bytes.");
        assertThat(listener.send(peer.address(), Bytes.of("ok".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(peer.receive().utf8()).isEqualTo("ok");
    }

    @Test
    @Timeout(30)
    void beyondTheCapThePeerHeardFromLeastRecentlyIsForgotten() throws Exception {
        listener = DatagramListener.start(InetAddress.getLoopbackAddress(), 0, 100);
        List<DatagramChannel> peers = new ArrayList<>();
        try {
            // Each stays open, so no two peers share a port.
            for (int i = 1; i <= DatagramListener.MAX_PEERS + 2; i++) {
                peers.add(open());
            }
            for (int i = 1; i <= DatagramListener.MAX_PEERS + 1; i++) {
                peers.get(i - 1).send(ByteBuffer.wrap(new byte[] {1}), listener.address());
                assertThat(((DatagramListener.Event.Datagram) next()).peer().id()).isEqualTo(i);
            }
            assertThat(listener.peer(1)).as("peer #1, heard from least recently").isNull();
            assertThat(listener.peer(2)).isNotNull();
            assertThat(listener.peer(DatagramListener.MAX_PEERS + 1)).isNotNull();
            peers.get(1).send(ByteBuffer.wrap(new byte[] {2}), listener.address());
            assertThat(((DatagramListener.Event.Datagram) next()).peer().id()).as("#2 again").isEqualTo(2);
            peers.get(DatagramListener.MAX_PEERS + 1).send(ByteBuffer.wrap(new byte[] {3}), listener.address());
            assertThat(((DatagramListener.Event.Datagram) next()).peer().id()).isEqualTo(DatagramListener.MAX_PEERS
                    + 2);
            assertThat(listener.peer(2)).as("peer #2, heard from again, is kept").isNotNull();
            assertThat(listener.peer(3)).as("peer #3, now the least recent, is forgotten").isNull();
        } finally {
            for (DatagramChannel c : peers) {
                c.close();
            }
        }
    }

    private static DatagramChannel open() throws Exception {
        DatagramChannel c = DatagramChannel.open();
        c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return c;
    }
}
