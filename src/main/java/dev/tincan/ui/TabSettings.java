package dev.tincan.ui;

import java.util.Objects;

/**
 * What a tab remembers between runs and what a duplicate copies: its name, where it
 * connects, how messages are framed, and its connection options. Immutable.
 *
 * @param name the tab's title, at most {@link #MAX_NAME} characters
 * @param host the host shown in its connection bar
 * @param port the port shown
 * @param framing the framing spec shown, e.g. {@code line}
 * @param readOnlyWhenAsked whether its next connection reads only when asked
 * @param skipTooLong whether its next connection skips frames over the max length
 * @param pairing the pairing rule's spec, e.g. {@code next}
 * @param chartsShown whether its traffic charts show under the transcript
 * @param chartMinutes how many minutes back its charts look: 1, 5 or 15
 * @param rules its auto-reply rules as the text of a rules file, or "" for none
 * @param connection how it connects beyond host, port and framing: TLS, proxy, reconnect,
 *     liveness, local address; never a secret
 */
public record TabSettings(String name, String host, int port, String framing, boolean readOnlyWhenAsked,
        boolean skipTooLong, String pairing, boolean chartsShown, int chartMinutes, String rules,
        ConnectionSettings connection) {
    /** The minutes a tab's charts look back unless the person chose otherwise. */
    static final int DEFAULT_CHART_MINUTES = 5;

    /** The longest tab name kept. */
    static final int MAX_NAME = 64;

    /** Checks that nothing is missing and cuts the name to {@link #MAX_NAME} characters. */
    public TabSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(pairing, "pairing");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(connection, "connection");
        name = cut(name);
    }

    /** Settings with the default connection options: plain TCP, direct, no reconnect. */
    public TabSettings(String name, String host, int port, String framing, boolean readOnlyWhenAsked,
            boolean skipTooLong, String pairing, boolean chartsShown, int chartMinutes, String rules) {
        this(name, host, port, framing, readOnlyWhenAsked, skipTooLong, pairing, chartsShown, chartMinutes, rules,
                ConnectionSettings.DEFAULTS);
    }

    /** Settings with the charts hidden, looking back {@link #DEFAULT_CHART_MINUTES}, and no rules. */
    TabSettings(String name, String host, int port, String framing, boolean readOnlyWhenAsked, boolean skipTooLong,
            String pairing) {
        this(name, host, port, framing, readOnlyWhenAsked, skipTooLong, pairing, false, DEFAULT_CHART_MINUTES);
    }

    /** Settings without rules. */
    TabSettings(String name, String host, int port, String framing, boolean readOnlyWhenAsked, boolean skipTooLong,
            String pairing, boolean chartsShown, int chartMinutes) {
        this(name, host, port, framing, readOnlyWhenAsked, skipTooLong, pairing, chartsShown, chartMinutes, "");
    }

    /** A name as a title takes it: stripped, one line, at most {@link #MAX_NAME} characters. */
    public static String cut(String name) {
        String s = name.strip().replaceAll("\\p{Cntrl}", " ");
        return s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }

    /** A tab pointed at {@code host:port} with {@code framing}, default options and no name of its own. */
    public static TabSettings of(String host, int port, String framing) {
        return new TabSettings("", host, port, framing, false, false, "next");
    }

    /** The same settings under {@code newName}. */
    TabSettings named(String newName) {
        return new TabSettings(newName, host, port, framing, readOnlyWhenAsked, skipTooLong, pairing, chartsShown,
                chartMinutes, rules, connection);
    }

    /** The same settings connecting with {@code next}. */
    TabSettings withConnection(ConnectionSettings next) {
        return new TabSettings(name, host, port, framing, readOnlyWhenAsked, skipTooLong, pairing, chartsShown,
                chartMinutes, rules, next);
    }
}
