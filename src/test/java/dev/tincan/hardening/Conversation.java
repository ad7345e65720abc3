package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.codec.Bytes;
import dev.tincan.testing.ReplyRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Conversations with an echo server that check every reply as it comes: each echo must be
 * the next payload sent, byte for byte (a misframed, lost, doubled or reordered frame fails
 * at once, naming its index), each Send must get exactly one outcome, and nothing else may
 * arrive. Every wait is {@link ReplyRecorder#next()}, bounded.
 */
final class Conversation {
    private Conversation() {
    }

    /**
     * How a ping-pong conversation ended.
     *
     * @param echoed how many payloads came back intact, in order
     * @param closed the Closed that ended it, or null if every payload came back
     * @param sendError the message of the Send that failed, or null
     */
    record Result(int echoed, ClientReply.Closed closed, String sendError) {
    }

    /**
     * Queues every payload at once, then takes replies until each Send has its Sent (in
     * order) and each payload its echo (in order).
     *
     * @return how long that took, in nanoseconds
     */
    static long pipelined(ReplyRecorder recorder, List<Bytes> payloads) {
        long start = System.nanoTime();
        List<ClientCommand.Send> sends = new ArrayList<>();
        for (Bytes payload : payloads) {
            sends.add(recorder.send(new ClientCommand.Send(payload)));
        }
        int sent = 0;
        int received = 0;
        while (sent < sends.size() || received < payloads.size()) {
            ClientReply reply = recorder.next();
            if (reply instanceof ClientReply.Sent s && sent < sends.size()) {
                assertThat(s.command()).as("outcome %d", sent).isSameAs(sends.get(sent));
                sent++;
            } else if (reply instanceof ClientReply.Received r && received < payloads.size()) {
                assertThat(r.command()).isNull();
                assertThat(r.frame()).as("frame %d of %d", received, payloads.size())
                        .isEqualTo(payloads.get(received));
                received++;
            } else {
                fail("unexpected reply after " + sent + " sent and " + received + " received: " + reply);
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * How a pipelined conversation through a broken network ended.
     *
     * @param received how many payloads came back intact, in order, before the close
     * @param sendErrors the distinct messages of failed Sends
     * @param closed the Closed that ended the connection
     */
    record Broken(int received, Set<String> sendErrors, ClientReply.Closed closed) {
    }

    /**
     * Queues every payload at once, then takes replies until each Send has exactly one
     * outcome (in order) and the connection has closed; echoes must be the payloads in order.
     */
    static Broken pipelinedUntilClosed(ReplyRecorder recorder, List<Bytes> payloads) {
        List<ClientCommand.Send> sends = new ArrayList<>();
        for (Bytes payload : payloads) {
            sends.add(recorder.send(new ClientCommand.Send(payload)));
        }
        Set<String> errors = new TreeSet<>();
        ClientReply.Closed closed = null;
        int outcomes = 0;
        int received = 0;
        while (outcomes < sends.size() || closed == null) {
            ClientReply reply = recorder.next();
            if (reply instanceof ClientReply.Sent s && outcomes < sends.size()) {
                assertThat(s.command()).as("outcome %d", outcomes).isSameAs(sends.get(outcomes));
                outcomes++;
            } else if (reply instanceof ClientReply.Error e && outcomes < sends.size()) {
                assertThat(e.command()).as("outcome %d", outcomes).isSameAs(sends.get(outcomes));
                errors.add(e.message());
                outcomes++;
            } else if (reply instanceof ClientReply.Received r && closed == null && received < payloads.size()) {
                assertThat(r.frame()).as("frame %d", received).isEqualTo(payloads.get(received));
                received++;
            } else if (reply instanceof ClientReply.Closed c && closed == null) {
                closed = c;
            } else {
                fail("unexpected reply after " + outcomes + " outcomes and " + received + " frames: " + reply);
            }
        }
        return new Broken(received, errors, closed);
    }

    /**
     * Sends the payloads one at a time, each after the echo of the one before, until all
     * have come back or the connection closes.
     */
    static Result pingPong(ReplyRecorder recorder, List<Bytes> payloads) {
        String sendError = null;
        ClientReply.Closed closed = null;
        for (int i = 0; i < payloads.size(); i++) {
            ClientCommand.Send send = recorder.send(new ClientCommand.Send(payloads.get(i)));
            boolean outcome = false;
            boolean echo = false;
            while (!outcome || !(echo || closed != null)) {
                ClientReply reply = recorder.next();
                if (reply instanceof ClientReply.Sent s && !outcome) {
                    assertThat(s.command()).as("outcome of send %d", i).isSameAs(send);
                    outcome = true;
                } else if (reply instanceof ClientReply.Error e && !outcome) {
                    assertThat(e.command()).as("failed command of send %d", i).isSameAs(send);
                    sendError = e.message();
                    outcome = true;
                } else if (reply instanceof ClientReply.Received r && !echo && closed == null) {
                    assertThat(r.command()).isNull();
                    assertThat(r.frame()).as("frame %d", i).isEqualTo(payloads.get(i));
                    echo = true;
                } else if (reply instanceof ClientReply.Closed c && closed == null) {
                    closed = c;
                } else {
                    fail("unexpected reply during send " + i + ": " + reply);
                }
            }
            if (!echo) {
                return new Result(i, closed, sendError);
            }
        }
        return new Result(payloads.size(), closed, sendError);
    }
}
