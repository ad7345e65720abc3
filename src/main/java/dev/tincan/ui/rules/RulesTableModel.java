package dev.tincan.ui.rules;

import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.RuleEngine;
import dev.tincan.session.rules.RuleStats;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.swing.table.AbstractTableModel;

/**
 * The rules of one tab as a table: on, name, match, actions, how often fired and when last
 * (or, for a rule its loop guard paused, that it is paused). Ticking "On" switches a rule
 * on or off at once, and switching a paused rule back on lets it fire again. The counts
 * are the engine's, read again on each {@link #refreshCounts()}. Confined to the EDT.
 */
final class RulesTableModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private static final String[] COLUMNS = {"On", "Name", "Match", "Actions", "Fired", "Last fired"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final transient RuleEngine engine;
    private final transient Consumer<List<Rule>> changed;
    private final List<Rule> rules = new ArrayList<>();

    /** @param changed hears the whole list after every change the table makes */
    RulesTableModel(RuleEngine engine, Consumer<List<Rule>> changed) {
        this.engine = engine;
        this.changed = changed;
        rules.addAll(engine.rules());
    }

    /** The rules, in order. */
    List<Rule> rules() {
        return List.copyOf(rules);
    }

    /**
     * Runs {@code next} in place of the rules and tells the listener.
     *
     * @throws IllegalArgumentException with one sentence when they cannot run together
     */
    void set(List<Rule> next) {
        engine.setRules(next);
        rules.clear();
        rules.addAll(next);
        fireTableDataChanged();
        changed.accept(rules());
    }

    Rule rule(int row) {
        return rules.get(row);
    }

    /** Repaints the counts and states, which the engine changes on its own threads. */
    void refreshCounts() {
        if (!rules.isEmpty()) {
            fireTableRowsUpdated(0, rules.size() - 1);
        }
    }

    @Override
    public int getRowCount() {
        return rules.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == 0 ? Boolean.class : column == 4 ? Long.class : String.class;
    }

    @Override
    public boolean isCellEditable(int row, int column) {
        return column == 0;
    }

    @Override
    public void setValueAt(Object value, int row, int column) {
        if (column != 0 || !(value instanceof Boolean on)) {
            return;
        }
        List<Rule> next = new ArrayList<>(rules);
        Rule r = next.get(row);
        next.set(row, r.withEnabled(on));
        set(next);
        if (on) {
            engine.resume(r.name());
        }
        fireTableRowsUpdated(row, row);
    }

    @Override
    public Object getValueAt(int row, int column) {
        Rule r = rules.get(row);
        RuleStats s = engine.stats(r.name());
        switch (column) {
            case 0:
                return r.enabled() && (s == null || !s.isPaused());
            case 1:
                return r.name();
            case 2:
                return r.describeMatch();
            case 3:
                return r.describeActions();
            case 4:
                return s == null ? 0L : s.fired();
            default:
                return lastFired(r, s);
        }
    }

    /** "14:03:27", "never", or, for a paused rule, "paused: fired more than …" in words. */
    static String lastFired(Rule r, RuleStats s) {
        if (s != null && s.isPaused()) {
            return "paused: fired more than " + r.maxPerSecond() + " times in a second (a loop?); tick On to resume";
        }
        if (!r.enabled()) {
            return "off";
        }
        if (s == null || s.lastFiredMillis() == 0) {
            return "never";
        }
        return TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(s.lastFiredMillis()), ZoneId.systemDefault()));
    }
}
