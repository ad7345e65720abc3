package dev.tincan.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help} that wraps lines at spaces only. Picocli wraps where
 * {@link java.text.BreakIterator} allows, which includes inside a word after {@code :},
 * {@code /}, {@code .} or {@code ,}: {@code delim:HEX} came out as {@code delim:} and
 * {@code HEX} on two lines, {@code e.g.} as {@code e.} and {@code g.},
 * {@code PATTERN[,PATTERN...]} as two. Here a word, anything between two spaces, is
 * never split unless it is wider than its column on its own. The layout is picocli's:
 * same columns, same indents, same sections.
 */
final class HelpLayout implements IHelpFactory {
    @Override
    public Help create(CommandSpec commandSpec, ColorScheme colorScheme) {
        return new SpaceWrappedHelp(commandSpec, colorScheme);
    }

    /** Picocli's help with every wrapped section laid out in {@link SpaceWrappingTable}s. */
    static final class SpaceWrappedHelp extends Help {
        SpaceWrappedHelp(CommandSpec commandSpec, ColorScheme colorScheme) {
            super(commandSpec, colorScheme);
        }

        private int width() {
            return commandSpec().usageMessage().width();
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                ColorScheme scheme) {
            // The columns of TextTable.forDefaultColumns.
            int longOptions = calcLongOptionColumnWidth(options, positionals, scheme);
            TextTable table = new SpaceWrappingTable(scheme,
                    new Column(2, 0, Column.Overflow.TRUNCATE),
                    new Column(2, 0, Column.Overflow.SPAN),
                    new Column(1, 0, Column.Overflow.TRUNCATE),
                    new Column(longOptions, 1, Column.Overflow.SPAN),
                    new Column(width() - 5 - longOptions, 1, Column.Overflow.WRAP));
            table.setAdjustLineBreaksForWideCJKCharacters(false);
            return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
        }

        @Override
        public String header(Object... params) {
            return paragraphs(commandSpec().usageMessage().header());
        }

        @Override
        public String description(Object... params) {
            return paragraphs(commandSpec().usageMessage().description());
        }

        @Override
        public String footer(Object... params) {
            return paragraphs(commandSpec().usageMessage().footer());
        }

        /** Each element on its own line, wrapped at the usage width with no indent. */
        private String paragraphs(String[] lines) {
            if (lines == null || lines.length == 0) {
                return "";
            }
            TextTable table = new SpaceWrappingTable(colorScheme(), new Column(width(), 0, Column.Overflow.WRAP));
            table.indentWrappedLines = 0;
            for (String line : lines) {
                for (String part : format(line).split("\\R", -1)) {
                    table.addRowValues(colorScheme().text(part));
                }
            }
            return table.toString();
        }

        /** {@code text} with picocli's format specifiers applied, {@code %n} as a line end. */
        private static String format(String text) {
            return text.indexOf('%') >= 0 ? String.format(Locale.ROOT, text) : text;
        }

        @Override
        public String commandList(Map<String, Help> subcommands) {
            if (subcommands.isEmpty()) {
                return "";
            }
            // Picocli's layout: names, then the first line of each description.
            int nameWidth = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0),
                    width() / 2);
            TextTable table = new SpaceWrappingTable(colorScheme(),
                    new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
                    new Column(width() - (nameWidth + 2), 2, Column.Overflow.WRAP));
            for (Help help : subcommands.values()) {
                UsageMessageSpec usage = help.commandSpec().usageMessage();
                String summary = usage.header().length > 0 ? usage.header()[0]
                        : usage.description().length > 0 ? usage.description()[0] : "";
                String[] lines = format(summary).split("\\R", -1);
                for (int i = 0; i < lines.length; i++) {
                    table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""),
                            colorScheme().text(lines[i]));
                }
            }
            return table.toString();
        }

        @Override
        protected String insertSynopsisCommandName(int synopsisHeadingLength, Text details) {
            // Picocli's synopsis: the command name after the heading, options wrapped under it.
            String name = commandSpec().qualifiedName();
            UsageMessageSpec usage = commandSpec().usageMessage();
            int indent = synopsisHeadingLength + name.length() + 1;
            if (indent > usage.synopsisAutoIndentThreshold() * width()) {
                indent = usage.synopsisIndent() < 0 ? synopsisHeadingLength : usage.synopsisIndent();
                // Picocli's own cap on the synopsis indent, a private constant there.
                indent = Math.min(indent, (int) (0.9 * width()));
            }
            TextTable table = new SpaceWrappingTable(colorScheme(), new Column(width(), 0, Column.Overflow.WRAP));
            table.indentWrappedLines = indent;
            Text padding = colorScheme().text("X".repeat(synopsisHeadingLength));
            table.addRowValues(padding.concat(colorScheme().commandText(name)).concat(details));
            return table.toString().substring(synopsisHeadingLength);
        }
    }

    /**
     * A picocli text table whose wrapping columns break lines at spaces only; wrapped lines
     * are indented by {@link #indentWrappedLines}, as picocli's are.
     */
    static final class SpaceWrappingTable extends TextTable {
        private final ColorScheme scheme;

        SpaceWrappingTable(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (column.overflow != Column.Overflow.WRAP || value == null) {
                return super.putValue(row, col, value);
            }
            List<int[]> pieces = pieces(value.plainString(), column.width - column.indent,
                    column.width - column.indent - indentWrappedLines);
            if (pieces.size() <= 1) {
                return super.putValue(row, col, value);
            }
            Cell cell = null;
            int r = row;
            for (int i = 0; i < pieces.size(); i++) {
                Text piece = value.substring(pieces.get(i)[0], pieces.get(i)[1]);
                if (i > 0) {
                    addEmptyRow();
                    r = rowCount() - 1;
                    piece = scheme.text(" ".repeat(indentWrappedLines)).concat(piece);
                }
                cell = super.putValue(r, col, piece);
            }
            return cell;
        }

        /**
         * Where to cut {@code text} into lines of at most {@code first} characters, then
         * {@code next}, at spaces only; each piece as {start, end}, without the spaces cut at.
         */
        static List<int[]> pieces(String text, int first, int next) {
            List<int[]> pieces = new ArrayList<>();
            int start = 0;
            int limit = Math.max(1, first);
            while (text.length() - start > limit) {
                int word = start;
                while (text.charAt(word) == ' ') {
                    word++;
                }
                int cut = text.lastIndexOf(' ', start + limit);
                if (cut <= word) {
                    // One word wider than the line: it goes on a line of its own.
                    cut = text.indexOf(' ', start + limit);
                    if (cut < 0) {
                        break;
                    }
                }
                int end = cut;
                while (end > start && text.charAt(end - 1) == ' ') {
                    end--;
                }
                pieces.add(new int[] {start, end});
                start = cut;
                while (start < text.length() && text.charAt(start) == ' ') {
                    start++;
                }
                limit = Math.max(1, next);
            }
            if (start < text.length() || pieces.isEmpty()) {
                pieces.add(new int[] {start, text.length()});
            }
            return pieces;
        }
    }
}
