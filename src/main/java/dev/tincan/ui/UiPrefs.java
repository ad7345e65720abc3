package dev.tincan.ui;

import dev.tincan.codec.Framing;
import dev.tincan.session.Settings;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window remembers between runs: host, port, framing, the open tabs, theme, window
 * bounds, sent history and view options, in {@link java.util.prefs.Preferences}. Windows opened by tests
 * and the benchmark use {@link #inMemory()} so they never touch a person's settings.
 * What the window has not remembered yet comes from the settings file the command line
 * reads too ({@link Settings}: {@code framing} and {@code theme}), and then from the built-in
 * defaults. Confined to the EDT.
 */
public final class UiPrefs {
    /** Where the person's settings live under the user root. */
    static final String NODE = "dev/tincan/ui";
    /** The most sent messages remembered. */
    static final int MAX_HISTORY = 100;
    /** The most tabs a window opens, and remembers. */
    static final int MAX_TABS = 32;

    private static final Logger log = LoggerFactory.getLogger(UiPrefs.class);

    private final Preferences node;
    private final Settings defaults;
    /** Why the settings file was not used, in one sentence, or null. */
    private final String settingsProblem;

    private UiPrefs(Preferences node, Settings defaults, String settingsProblem) {
        this.node = node;
        this.defaults = defaults;
        this.settingsProblem = settingsProblem;
    }

    /** The person's own settings, over the defaults of their settings file. */
    public static UiPrefs user() {
        Settings defaults = Settings.none();
        String problem = null;
        try {
            defaults = Settings.readDefault();
            problem = check(defaults);
        } catch (Settings.SettingsException e) {
            log.warn("the settings file was not used", e);
            problem = e.getMessage().replaceFirst("\\.$", "") + ": the window uses its built-in defaults.";
        }
        return new UiPrefs(Preferences.userRoot().node(NODE), defaults, problem);
    }

    /** Settings that start empty and are forgotten with this object, over {@code defaults}. */
    public static UiPrefs inMemory(Settings defaults) {
        return new UiPrefs(new MemoryPreferences().node(NODE), defaults, null);
    }

    /** Settings that start empty and are forgotten with this object. */
    public static UiPrefs inMemory() {
        return inMemory(Settings.none());
    }

    /** The first of the window's settings in {@code settings} that it cannot use, in a sentence, or null. */
    static String check(Settings settings) {
        Settings.Entry framing = settings.get(null, "framing").orElse(null);
        if (framing != null && !isFraming(framing.value())) {
            return settings.where(framing) + ": \"" + framing.value() + "\" is not a framing, so new tabs use line.";
        }
        Settings.Entry theme = settings.get(null, "theme").orElse(null);
        if (theme != null && Theme.parse(theme.value(), null) == null) {
            return settings.where(theme) + ": \"" + theme.value() + "\" is not a theme (light, dark or system), so "
                    + "the window uses light.";
        }
        return null;
    }

    /** Why the settings file could not be used, in one sentence for the status bar, or null. */
    String settingsProblem() {
        return settingsProblem;
    }

    /** The settings file's value for {@code name} when {@code valid} accepts it, else {@code builtIn}. */
    private String fromFile(String name, Predicate<String> valid, String builtIn) {
        return defaults.get(null, name).map(Settings.Entry::value).filter(valid).orElse(builtIn);
    }

    private static boolean isFraming(String spec) {
        try {
            Framing.parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String host() {
        return node.get("host", "localhost");
    }

    int port() {
        int port = node.getInt("port", 50007);
        return port >= 1 && port <= 65535 ? port : 50007;
    }

    String framing() {
        return node.get("framing", fromFile("framing", UiPrefs::isFraming, "line"));
    }

    void saveConnection(String host, int port, String framing) {
        node.put("host", host);
        node.putInt("port", port);
        node.put("framing", framing);
    }

    Theme theme() {
        Theme fallback = Theme.parse(fromFile("theme", t -> Theme.parse(t, null) != null, null), Theme.LIGHT);
        return Theme.parse(node.get("theme", null), fallback);
    }

    void saveTheme(Theme theme) {
        node.put("theme", theme.name());
    }

    boolean hexPreview() {
        return node.getBoolean("hexPreview", false);
    }

    void saveHexPreview(boolean hex) {
        node.putBoolean("hexPreview", hex);
    }

    boolean hexInput() {
        return node.getBoolean("hexInput", false);
    }

    void saveHexInput(boolean hex) {
        node.putBoolean("hexInput", hex);
    }

    int maxRows() {
        int rows = node.getInt("maxRows", TranscriptModel.DEFAULT_MAX_ROWS);
        return rows >= TranscriptModel.MIN_MAX_ROWS ? rows : TranscriptModel.DEFAULT_MAX_ROWS;
    }

    void saveMaxRows(int rows) {
        node.putInt("maxRows", rows);
    }

    /** The saved window bounds, or {@code null} when none were saved. */
    Rectangle bounds() {
        int w = node.getInt("window.width", -1);
        int h = node.getInt("window.height", -1);
        if (w < 200 || h < 150) {
            return null;
        }
        return new Rectangle(node.getInt("window.x", 0), node.getInt("window.y", 0), w, h);
    }

    void saveBounds(Rectangle r) {
        node.putInt("window.x", r.x);
        node.putInt("window.y", r.y);
        node.putInt("window.width", r.width);
        node.putInt("window.height", r.height);
    }

    /** Sent messages with the mode each was typed in, oldest first; entries saved without a mode are text. */
    List<SendHistory.Entry> history() {
        int n = Math.min(node.getInt("history.count", 0), MAX_HISTORY);
        List<SendHistory.Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String entry = node.get("history." + i, null);
            if (entry != null) {
                out.add(new SendHistory.Entry(entry, node.getBoolean("history." + i + ".hex", false)));
            }
        }
        return out;
    }

    /** Keeps the newest {@link #MAX_HISTORY} entries that fit in a preference value, with their modes. */
    void saveHistory(List<SendHistory.Entry> entries) {
        List<SendHistory.Entry> keep = new ArrayList<>();
        for (SendHistory.Entry e : entries) {
            if (e.text().length() <= Preferences.MAX_VALUE_LENGTH) {
                keep.add(e);
            }
        }
        keep = keep.subList(Math.max(0, keep.size() - MAX_HISTORY), keep.size());
        int old = node.getInt("history.count", 0);
        for (int i = 0; i < keep.size(); i++) {
            node.put("history." + i, keep.get(i).text());
            if (keep.get(i).hex()) {
                node.putBoolean("history." + i + ".hex", true);
            } else {
                node.remove("history." + i + ".hex");
            }
        }
        for (int i = keep.size(); i < old; i++) {
            node.remove("history." + i);
            node.remove("history." + i + ".hex");
        }
        node.putInt("history.count", keep.size());
    }

    /**
     * The tabs open when the window last closed, in order, at most {@link #MAX_TABS}; empty
     * when none were saved. A tab saved with a port out of range gets the default port.
     */
    List<TabSettings> tabs() {
        int n = Math.min(node.getInt("tabs.count", 0), MAX_TABS);
        List<TabSettings> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String k = "tab." + i + ".";
            String host = node.get(k + "host", null);
            String framing = node.get(k + "framing", null);
            if (host == null || framing == null) {
                continue;
            }
            int port = node.getInt(k + "port", 50007);
            out.add(new TabSettings(node.get(k + "name", ""), host, port >= 1 && port <= 65535 ? port : 50007,
                    framing, node.getBoolean(k + "pull", false), node.getBoolean(k + "skipTooLong", false),
                    node.get(k + "pairing", "next"), node.getBoolean(k + "charts", false),
                    node.getInt(k + "chartMinutes", TabSettings.DEFAULT_CHART_MINUTES), chunked(k + "rules"),
                    connection(k + "conn.")));
        }
        return out;
    }

    /** The keys under which a tab's {@link ConnectionSettings} are kept, after {@code tab.N.conn.}. */
    private static final String[] CONNECTION_KEYS = {"tls", "tls.trust", "tls.pins", "tls.sni", "tls.cert", "tls.key",
        "tls.alpn", "tls.insecure", "proxy.type", "proxy.host", "proxy.port", "proxy.user", "reconnect",
        "reconnect.maxAttempts", "reconnect.maxDelay", "reconnect.maxQueued", "reconnect.sendQueued", "keepAlive",
        "idleTimeout", "heartbeat", "heartbeat.every", "heartbeat.message", "local", "udp"};

    /** A tab's connection settings saved under {@code k}; the defaults for what was never saved. */
    private ConnectionSettings connection(String k) {
        ConnectionSettings d = ConnectionSettings.DEFAULTS;
        String pins = node.get(k + "tls.pins", "");
        ConnectionSettings.Tls tls = new ConnectionSettings.Tls(node.getBoolean(k + "tls", false),
                node.get(k + "tls.trust", ""), pins.isBlank() ? List.of() : List.of(pins.strip().split("\\s+")),
                node.get(k + "tls.sni", ""), node.get(k + "tls.cert", ""), node.get(k + "tls.key", ""),
                node.get(k + "tls.alpn", ""), node.getBoolean(k + "tls.insecure", false));
        dev.tincan.client.ProxyOptions.Type type = null;
        String typeName = node.get(k + "proxy.type", "");
        for (dev.tincan.client.ProxyOptions.Type t : dev.tincan.client.ProxyOptions.Type.values()) {
            if (t.name().equals(typeName)) {
                type = t;
            }
        }
        ConnectionSettings.Proxy proxy = new ConnectionSettings.Proxy(type, node.get(k + "proxy.host", ""),
                node.getInt(k + "proxy.port", d.proxy().port()), node.get(k + "proxy.user", ""));
        ConnectionSettings.Reconnect r = d.reconnect();
        ConnectionSettings.Reconnect reconnect = new ConnectionSettings.Reconnect(node.getBoolean(k + "reconnect",
                false), node.getInt(k + "reconnect.maxAttempts", r.maxAttempts()),
                node.getInt(k + "reconnect.maxDelay", r.maxDelaySeconds()),
                node.getInt(k + "reconnect.maxQueued", r.maxQueued()),
                node.getBoolean(k + "reconnect.sendQueued", r.sendQueued()));
        ConnectionSettings.Liveness liveness = new ConnectionSettings.Liveness(node.getBoolean(k + "keepAlive", false),
                node.getInt(k + "idleTimeout", 0), node.get(k + "heartbeat", ""),
                node.getInt(k + "heartbeat.every", d.liveness().heartbeatSeconds()),
                node.get(k + "heartbeat.message", ""));
        return new ConnectionSettings(tls, proxy, reconnect, liveness, node.get(k + "local", ""),
                node.getBoolean(k + "udp", false));
    }

    /** Keeps {@code c} under {@code k}: file names, a user name, numbers; there is no secret in it to keep. */
    private void saveConnection(String k, ConnectionSettings c) {
        ConnectionSettings.Tls tls = c.tls();
        node.putBoolean(k + "tls", tls.on());
        putText(k + "tls.trust", tls.trustFile());
        putText(k + "tls.pins", String.join(" ", tls.pins()));
        putText(k + "tls.sni", tls.serverName());
        putText(k + "tls.cert", tls.clientCertificate());
        putText(k + "tls.key", tls.clientKey());
        putText(k + "tls.alpn", tls.alpn());
        node.putBoolean(k + "tls.insecure", tls.insecure());
        node.put(k + "proxy.type", c.proxy().type() == null ? "" : c.proxy().type().name());
        putText(k + "proxy.host", c.proxy().host());
        node.putInt(k + "proxy.port", c.proxy().port());
        putText(k + "proxy.user", c.proxy().user());
        ConnectionSettings.Reconnect r = c.reconnect();
        node.putBoolean(k + "reconnect", r.on());
        node.putInt(k + "reconnect.maxAttempts", r.maxAttempts());
        node.putInt(k + "reconnect.maxDelay", r.maxDelaySeconds());
        node.putInt(k + "reconnect.maxQueued", r.maxQueued());
        node.putBoolean(k + "reconnect.sendQueued", r.sendQueued());
        ConnectionSettings.Liveness l = c.liveness();
        node.putBoolean(k + "keepAlive", l.keepAlive());
        node.putInt(k + "idleTimeout", l.idleSeconds());
        putText(k + "heartbeat", l.heartbeat());
        node.putInt(k + "heartbeat.every", l.heartbeatSeconds());
        putText(k + "heartbeat.message", l.heartbeatMessage());
        putText(k + "local", c.localAddress());
        node.putBoolean(k + "udp", c.udp());
    }

    /** Puts {@code text} under {@code key}, or "" when it is longer than a preference value may be. */
    private void putText(String key, String text) {
        node.put(key, text.length() <= Preferences.MAX_VALUE_LENGTH ? text : "");
    }

    /** The longest rules text a tab keeps: {@value} characters, a few hundred rules. */
    static final int MAX_RULES_CHARS = 1024 * 1024;

    /** A text saved by {@link #putChunked} under {@code key}, or "" when none is. */
    private String chunked(String key) {
        int n = Math.min(node.getInt(key + ".chunks", 0), MAX_RULES_CHARS / CHUNK_CHARS + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String part = node.get(key + "." + i, null);
            if (part == null) {
                return "";
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** Keeps {@code text} under {@code key} in pieces a preference value can hold; "" removes it. */
    private void putChunked(String key, String text) {
        int old = node.getInt(key + ".chunks", 0);
        int n = (text.length() + CHUNK_CHARS - 1) / CHUNK_CHARS;
        for (int i = 0; i < n; i++) {
            node.put(key + "." + i, text.substring(i * CHUNK_CHARS, Math.min(text.length(), (i + 1) * CHUNK_CHARS)));
        }
        for (int i = n; i < old; i++) {
            node.remove(key + "." + i);
        }
        if (n == 0) {
            node.remove(key + ".chunks");
        } else {
            node.putInt(key + ".chunks", n);
        }
    }

    /** Characters per preference value when a text is kept in pieces (values hold at most 8 192). */
    private static final int CHUNK_CHARS = 4096;

    /** Which of the saved tabs was in front: an index into {@link #tabs()}, 0 when none was saved. */
    int selectedTab() {
        return Math.max(0, node.getInt("tabs.selected", 0));
    }

    /** Remembers {@code tabs} in order (the first {@link #MAX_TABS}) and which was in front. */
    void saveTabs(List<TabSettings> tabs, int selected) {
        int n = Math.min(tabs.size(), MAX_TABS);
        int old = node.getInt("tabs.count", 0);
        for (int i = 0; i < n; i++) {
            TabSettings s = tabs.get(i);
            String k = "tab." + i + ".";
            node.put(k + "name", s.name());
            node.put(k + "host", s.host());
            node.putInt(k + "port", s.port());
            node.put(k + "framing", s.framing());
            node.putBoolean(k + "pull", s.readOnlyWhenAsked());
            node.putBoolean(k + "skipTooLong", s.skipTooLong());
            node.put(k + "pairing", s.pairing().length() <= Preferences.MAX_VALUE_LENGTH ? s.pairing() : "next");
            node.putBoolean(k + "charts", s.chartsShown());
            node.putInt(k + "chartMinutes", s.chartMinutes());
            putChunked(k + "rules", s.rules().length() <= MAX_RULES_CHARS ? s.rules() : "");
            saveConnection(k + "conn.", s.connection());
        }
        for (int i = n; i < old; i++) {
            for (String key : new String[] {"name", "host", "port", "framing", "pull", "skipTooLong", "pairing",
                "charts", "chartMinutes"}) {
                node.remove("tab." + i + "." + key);
            }
            for (String key : CONNECTION_KEYS) {
                node.remove("tab." + i + ".conn." + key);
            }
            putChunked("tab." + i + ".rules", "");
        }
        node.putInt("tabs.count", n);
        node.putInt("tabs.selected", Math.max(0, Math.min(selected, n - 1)));
    }

    /** Whether Enter sends the message (and Shift+Enter starts a new line), or the other way round. */
    boolean enterSends() {
        return node.getBoolean("enterSends", true);
    }

    void saveEnterSends(boolean enterSends) {
        node.putBoolean("enterSends", enterSends);
    }

    /** Whether the message library shows beside the tabs. */
    boolean libraryShown() {
        return node.getBoolean("libraryShown", false);
    }

    void saveLibraryShown(boolean shown) {
        node.putBoolean("libraryShown", shown);
    }

    /** Every setting as {@code key=value} lines, sorted: what would be written to disk. */
    String text() {
        try {
            return java.util.Arrays.stream(node.keys()).sorted().map(k -> k + "=" + node.get(k, ""))
                    .collect(java.util.stream.Collectors.joining("\n"));
        } catch (BackingStoreException e) {
            return "";
        }
    }

    /** Writes the settings out; a failure is logged, never shown. */
    void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            log.warn("could not save the window settings: {}", e.toString());
        }
    }
}
