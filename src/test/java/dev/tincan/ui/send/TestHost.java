package dev.tincan.ui.send;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.ClientOutbox;
import dev.tincan.session.Outbox;
import dev.tincan.session.Repeats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A {@link SendHost} over a real connection, keeping every notice. */
final class TestHost implements SendHost {
    final ClientOutbox out;
    final List<String> notices = new CopyOnWriteArrayList<>();
    volatile String payload = "ping";
    final Repeats repeats = new Repeats();
    private final List<Consumer<Bytes>> hooks = new CopyOnWriteArrayList<>();

    TestHost(ClientOutbox out) {
        this.out = out;
        out.onSent(b -> hooks.forEach(h -> h.accept(b)));
    }

    @Override
    public Outbox outbox() {
        return out;
    }

    @Override
    public Repeats repeats() {
        return repeats;
    }

    @Override
    public Supplier<Bytes> repeatPayload() {
        Bytes b = Bytes.utf8(payload);
        return () -> b;
    }

    @Override
    public void notice(String sentence, boolean error) {
        notices.add((error ? "error: " : "") + sentence);
    }

    @Override
    public int maxFrameLength() {
        return Framing.DEFAULT_MAX_FRAME_LENGTH;
    }

    @Override
    public Framing framing() {
        return Framing.parse("line");
    }

    @Override
    public AutoCloseable onSent(Consumer<Bytes> hook) {
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }
}
