package dev.tincan.cli;

import dev.tincan.codec.Framing;
import dev.tincan.server.Mode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * What the shell offers after options whose values come from a fixed set, in the words a
 * person types (lower case, as the converters read them). picocli shows them in
 * {@code completion} scripts; the converters stay the judges of what is valid.
 */
final class Completions {
    private Completions() {
    }

    /** Framing specs: one example of each kind. */
    static final class Framings implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Framing.EXAMPLES.iterator();
        }
    }

    /** Companion server modes. */
    static final class Modes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Mode.values()).map(Mode::spec).iterator();
        }
    }

    /** How received frames are printed. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("text", "hex", "json").iterator();
        }
    }

    /** Pairing rules. */
    static final class Pairings implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("next", "echo", "match:").iterator();
        }
    }

    /** Benchmark patterns. */
    static final class Patterns implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("pingpong", "pipeline", "bulk").iterator();
        }
    }
}
