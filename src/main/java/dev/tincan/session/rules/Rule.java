package dev.tincan.session.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One auto-reply rule: a name, whether it is on, the frames it matches, what it does, and
 * the most times a second it may fire before it pauses itself (a loop guard: two peers
 * answering each other's answers). Everything is checked when a rule is made, so a rule
 * that exists can run: a bad pattern or reply template is refused with one sentence that
 * names the rule. Immutable.
 *
 * @param name the rule's name, shown in notes and the table
 * @param enabled whether it looks at frames
 * @param match which received frames it answers
 * @param actions what it does, in order; at least one
 * @param maxPerSecond how many times it may fire in one second before it pauses
 */
public record Rule(String name, boolean enabled, Match match, List<Action> actions, int maxPerSecond) {
    /** The most times a rule fires in a second unless told otherwise. */
    public static final int DEFAULT_MAX_PER_SECOND = 1000;
    /** The most actions one rule may have. */
    public static final int MAX_ACTIONS = 64;
    /** The longest name. */
    public static final int MAX_NAME = 200;

    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException with one sentence naming the rule and the problem
     */
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(actions, "actions");
        String label = name.isBlank() ? "a rule" : "rule '" + Match.shorten(name) + "'";
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name.");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException(label + " has a name longer than " + MAX_NAME + " characters.");
        }
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(label + " does nothing: give it an action, such as a reply or a "
                    + "note.");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException(label + " has " + actions.size() + " actions; at most " + MAX_ACTIONS
                    + ".");
        }
        if (maxPerSecond < 1) {
            throw new IllegalArgumentException(label + " may fire at most " + maxPerSecond + " times a second: give "
                    + "1 or more.");
        }
        for (Action a : actions) {
            if (a instanceof Action.Reply r) {
                try {
                    new ReplyTemplate(r.template(), r.hex(), match);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(label + " has a reply that cannot be used: " + e.getMessage());
                }
            }
        }
    }

    /** A rule that is on and pauses at {@link #DEFAULT_MAX_PER_SECOND}. */
    public Rule(String name, Match match, List<Action> actions) {
        this(name, true, match, actions, DEFAULT_MAX_PER_SECOND);
    }

    /** This rule switched on or off. */
    public Rule withEnabled(boolean on) {
        return new Rule(name, on, match, actions, maxPerSecond);
    }

    /** What it does, in a few words for a table. */
    public String describeActions() {
        List<String> words = new ArrayList<>();
        for (Action a : actions) {
            words.add(a.describe());
        }
        return String.join(", ", words);
    }

    /** What it matches, in a few words for a table: {@code contains "ERR"}. */
    public String describeMatch() {
        return match.kind().word() + (match.hex() && match.kind() != Match.Kind.HEX ? " hex" : "") + " \""
                + Match.shorten(match.pattern()) + "\"";
    }
}
