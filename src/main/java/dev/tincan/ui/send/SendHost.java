package dev.tincan.ui.send;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Outbox;
import dev.tincan.session.Repeats;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the repeat and file-send controls need from the window they sit in. Every method is
 * called on the EDT.
 */
public interface SendHost {
    /** The connection to send on; its own sentences say when it is not connected. */
    Outbox outbox();

    /**
     * Where a repeat registers while it runs, so that a rule can stop it; {@code null} when
     * nothing else may stop it.
     */
    default Repeats repeats() {
        return null;
    }

    /**
     * What a repeat sends, taken when it starts (from the composer, say): a supplier asked
     * once per send on the repeater's thread, so it must not touch Swing; it may expand
     * placeholders each time and throw {@link IllegalArgumentException} with a sentence.
     *
     * @throws IllegalArgumentException with one sentence when there is nothing to send
     */
    Supplier<Bytes> repeatPayload();

    /** Shows one sentence to the person, as a failure when {@code error}. */
    void notice(String sentence, boolean error);

    /** The longest frame the connection may send. */
    int maxFrameLength();

    /** The connection's framing, to check a file's frames before sending; null to leave that to the engine. */
    Framing framing();

    /**
     * Calls {@code hook} with the payload of every {@code Sent} reply from now on (on any
     * thread), until the returned handle is closed: a file send counts its frames by it.
     */
    AutoCloseable onSent(Consumer<Bytes> hook);
}
