package dev.tincan.relay;

import dev.tincan.session.rules.Match;
import java.util.Objects;

/**
 * A rule a relay applies to every frame it decodes, before the frame is forwarded or held:
 * drop it, replace it from a template (the same placeholders as an auto-reply, e.g.
 * {@code {{frame}}}, {@code {{1}}}), or add a note. The first enabled rule that matches decides.
 *
 * @param direction the direction it applies to, or null for both
 * @param match which frames it applies to
 * @param action what it does
 * @param template for {@link Action#REWRITE}: the replacement; for {@link Action#NOTE}: the note
 * @param enabled whether it applies
 */
public record RelayRule(Direction direction, Match match, Action action, String template, boolean enabled) {
    /** What a relay rule does to a frame it matches. */
    public enum Action {
        /** The frame is not forwarded. */
        DROP,
        /** The frame is replaced by the template's bytes. */
        REWRITE,
        /** The frame is forwarded and a note is shown. */
        NOTE
    }

    /** Rejects null parts. */
    public RelayRule {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
        template = template == null ? "" : template;
    }
}
