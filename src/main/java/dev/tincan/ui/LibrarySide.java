package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.FrameListener;
import dev.tincan.session.Library;
import dev.tincan.session.Placeholders;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Sequence;
import dev.tincan.session.SequenceRunner;
import dev.tincan.session.Session;
import dev.tincan.ui.library.LibraryPanel;
import dev.tincan.ui.library.LibraryStore;
import dev.tincan.ui.library.SequenceRuns;
import java.awt.Dimension;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The window's message library: the {@link LibraryPanel} beside the tabs and what it needs
 * from the window. A message goes to the tab in front, its placeholders filled in from that
 * tab's conversation; a message saved for another framing than the tab's is refused with a
 * sentence rather than sent wrong. Save takes the composer of the tab in front. A sequence
 * runs against the tab in front when it starts, and stays with that tab: the tab's frames feed
 * its awaits until it ends, and closing or disconnecting the tab stops it. The library is read
 * from and saved to one file on the store's own thread, or kept in memory when there is no
 * file. Confined to the EDT, but for the sequence runner's callbacks.
 */
final class LibrarySide implements LibraryPanel.Host, SequenceRuns {
    /** The width the panel starts at, before the person drags the divider. */
    static final int START_WIDTH = 300;
    /** The longest name a saved composer message is given, from its first line. */
    static final int NAME_CHARS = 40;

    private final Supplier<WindowTab> front;
    private final LibraryStore store = new LibraryStore();
    private final LibraryPanel panel;

    /**
     * A library acting on the session tab in front of the tab {@code front} gives, kept in
     * {@code file} (or memory when null).
     */
    LibrarySide(Supplier<WindowTab> front, Path file) {
        this.front = front;
        panel = new LibraryPanel(this, this, store);
        panel.setName("library");
        // It may shrink to nothing rather than squeeze the transcript in a small window.
        panel.setMinimumSize(new Dimension(0, 0));
        panel.setPreferredSize(new Dimension(START_WIDTH, panel.getPreferredSize().height));
        if (file != null) {
            panel.persistTo(file);
        }
    }

    LibraryPanel panel() {
        return panel;
    }

    @Override
    public String send(SavedMessage message) {
        WindowTab tab = front.get();
        return tab.sessionTab() == null ? tab.noSessionSentence() : tab.sessionTab().sendSaved(message);
    }

    /** The composer of the tab in front as a message, named by its first line; null when it is empty. */
    @Override
    public SavedMessage fromComposer() {
        SessionTab tab = front.get().sessionTab();
        if (tab == null) {
            return null;
        }
        Composer c = tab.composer();
        String text = c.text();
        if (text.isBlank()) {
            return null;
        }
        String first = text.strip().lines().findFirst().orElse("message").strip();
        String name = first.length() > NAME_CHARS ? first.substring(0, NAME_CHARS).strip() + "…" : first;
        return new SavedMessage(name.isEmpty() ? "message" : name, "", text, c.isHexInput(), null, "");
    }

    @Override
    public void notice(String sentence, boolean error) {
        front.get().showNotice(sentence, error);
    }

    /**
     * Runs {@code sequence} against the tab in front: its messages are resolved from a copy
     * of the library as it is now, with that tab's framing and conversation.
     */
    @Override
    public Run start(Sequence sequence, Listener listener) {
        SessionTab tab = front.get().sessionTab();
        if (tab == null) {
            throw new IllegalArgumentException(front.get().noSessionSentence());
        }
        Session session = tab.session();
        if (!session.status().isConnected()) {
            throw new IllegalArgumentException("not connected: connect first (Ctrl+K), then run the sequence.");
        }
        Library library = panel.library();
        for (Sequence.Step step : sequence.steps()) {
            if (step instanceof Sequence.Send s && library.find(s.message()).isEmpty()) {
                throw new IllegalArgumentException("sequence '" + sequence.name() + "' sends '" + s.message()
                        + "', which is not in the library: add it, or edit the sequence.");
            }
        }
        // Null over UDP: each datagram is one frame, and a message goes out as it is.
        Framing framing = session.framing();
        Function<String, Bytes> resolve = name -> {
            SavedMessage m = library.get(name);
            if (framing == null) {
                return Placeholders.expand(m.payload(), m.hex(), tab.context());
            }
            String mismatch = SessionTab.framingMismatch(m, framing.spec());
            if (mismatch != null) {
                throw new IllegalArgumentException(mismatch);
            }
            return Library.payload(m, framing, tab.context());
        };
        AtomicReference<SequenceRunner> runner = new AtomicReference<>();
        FrameListener feed = new FrameListener() {
            @Override
            public void received(Bytes frame, long nanos) {
                runner.get().received(frame);
            }
        };
        AtomicReference<Runnable> untrack = new AtomicReference<>(() -> { });
        runner.set(new SequenceRunner(sequence, resolve, session, new SequenceRunner.Listener() {
            @Override
            public void step(int index, Sequence.Step step) {
                listener.step(index, step);
            }

            @Override
            public void finished(String sentence, boolean failed) {
                session.removeFrameListener(feed);
                untrack.get().run();
                listener.finished(sentence, failed);
            }
        }));
        SequenceRunner r = runner.get();
        session.addFrameListener(feed);
        untrack.set(tab.track(r::stop));
        r.start();
        return new Run() {
            @Override
            public void pause() {
                r.pause();
            }

            @Override
            public void resume() {
                r.resume();
            }

            @Override
            public void stop() {
                r.stop();
            }
        };
    }

    /** Finishes the library writes already asked for, then ends the store's thread. Any thread. */
    void close() {
        store.close();
    }
}
