package dev.tincan.cli;

import dev.tincan.codec.Escapes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad usage: prints {@code error:} and one sentence, a suggestion if one is near enough,
 * and a hint to {@code --help}; exits with 2. A value that could not be read is reported
 * with the converter's own sentence, prefixed by the option it was given to unless the
 * sentence names it already. An unknown option is named even when picocli went on and
 * tripped over the arguments after it ({@code --tiemout 3s HOST PORT} reads {@code 3s} as
 * the host): the misspelling is the mistake to report.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    /** The exit code for bad usage. */
    static final int EXIT_USAGE = 2;
    /** picocli's message for positional parameters left out, and for an argument group's. */
    private static final Pattern MISSING = Pattern.compile("(?:Error: )?Missing required (?:parameters?|argument\\(s\\)): (.*)");
    /** A label in that message, quoted or not. */
    private static final Pattern LABEL = Pattern.compile("'?([A-Z][A-Z0-9_]*)'?");
    /** picocli's words for an option typed last, without its value. */
    private static final Pattern NO_VALUE = Pattern.compile("missing required parameter for option '([^']+)' \\((.+)\\)");

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        UnmatchedArgumentException unmatched = unmatched(ex);
        if (unmatched != null && unmatched.isUnknownOption()) {
            String typed = unmatched.getUnmatched().get(0).replaceFirst("=.*", "");
            err.println("error: unknown option " + Cli.quote(typed) + ".");
            printSuggestion(err, "", typed, optionNames(cl.getCommandSpec()));
        } else if (unmatched != null && !cl.getSubcommands().isEmpty() && unmatched.getUnmatched().size() > 0
                && unmatched.getUnmatched().get(0).equals(firstPositional(cl, args))) {
            unknownCommand(err, cl, unmatched.getUnmatched().get(0), "");
        } else if (ex.getValue() != null && ("Unknown subcommand '" + ex.getValue() + "'.").equals(ex.getMessage())) {
            // picocli's help command, asked about a command there is not (tincan help sned).
            unknownCommand(err, cl, ex.getValue(), "help ");
        } else if (missingLabels(ex) != null) {
            err.println("error: " + missing(cl.getCommandSpec(), missingLabels(ex)));
        } else if (unmatched != null && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            err.println("error: " + extra(cl.getCommandSpec(), word));
            if (word.matches("[0-9]{1,5}") && cl.getCommandSpec().findOption("--port") != null) {
                // serve 50008, as listen 50012 is written.
                err.println("Did you mean: " + cl.getCommandSpec().qualifiedName() + " --port " + word + "?");
            }
        } else {
            err.println("error: " + fromFile(ex) + Escapes.oneLine(sentence(ex)));
        }
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    /**
     * The arguments picocli could not match, from {@code ex} itself or, when it failed on
     * something else first, from what it had set aside before failing; null when none.
     */
    private static UnmatchedArgumentException unmatched(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) {
            return u;
        }
        List<String> setAside = ex.getCommandLine().getUnmatchedArguments();
        return setAside.isEmpty() ? null : new UnmatchedArgumentException(ex.getCommandLine(), setAside);
    }

    /**
     * {@code "FILE line N: "} when the value refused came from the settings file rather than
     * from what was typed, else "".
     */
    private static String fromFile(ParameterException ex) {
        ArgSpec arg = ex.getArgSpec();
        if (!(arg instanceof OptionSpec option)
                || !(ex.getCommandLine().getDefaultValueProvider() instanceof ConfigDefaults defaults)) {
            return "";
        }
        String where = defaults.whereFrom(option);
        boolean typed = ex.getCommandLine().getParseResult() != null
                && ex.getCommandLine().getParseResult().hasMatchedOption(option);
        return where == null || typed ? "" : where + ": ";
    }

    /** The first argument given to {@code cl}'s command, after its own name. */
    private static String firstPositional(CommandLine cl, String[] args) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = cl; c != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        // args hold everything after the top command's name: skip the subcommands' names.
        int skip = names.size() - 1;
        return args.length > skip ? args[skip] : null;
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.add(option.longestName());
            }
        }
        return names;
    }

    /** Prints "Did you mean: ...?" with the candidates nearest to {@code typed}, if any is near enough. */
    private static void printSuggestion(PrintWriter err, String prefix, String typed, List<String> candidates) {
        List<String> near = Suggestions.nearest(typed, candidates);
        if (!near.isEmpty()) {
            err.println("Did you mean: " + prefix + String.join(" or " + prefix, near) + "?");
        }
    }

    /**
     * The labels of the positional parameters picocli found missing, from its message ({@code
     * Missing required parameters: 'HOST', 'PORT'}, or an argument group's {@code Missing
     * required argument(s): PORT}); null for any other message.
     */
    private static List<String> missingLabels(ParameterException ex) {
        Matcher m = MISSING.matcher(String.valueOf(ex.getMessage()));
        if (!m.matches()) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        Matcher label = LABEL.matcher(m.group(1));
        while (label.find()) {
            labels.add(label.group(1));
        }
        return labels.isEmpty() ? null : labels;
    }

    /**
     * The sentence for positional parameters left out, with what the command takes: {@code
     * missing HOST and PORT: tincan send takes HOST PORT [MESSAGE...].} picocli's own named
     * them in quotes, without the rest of the line or a full stop.
     */
    static String missing(CommandSpec command, List<String> labels) {
        String last = labels.get(labels.size() - 1);
        String names = labels.size() == 1 ? last
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + last;
        return "missing " + names + ": " + command.qualifiedName() + " takes " + String.join(" ", takes(command)) + ".";
    }

    /**
     * Says {@code word} is one word more than {@code command} takes, e.g. "unexpected word
     * "50108": tincan serve takes options only.".
     */
    static String extra(CommandSpec command, String word) {
        List<String> takes = takes(command);
        return "unexpected word " + Cli.quote(word) + ": " + command.qualifiedName() + " takes "
                + (takes.isEmpty() ? "options only" : String.join(" ", takes) + " besides its options") + ".";
    }

    /** The labels of {@code command}'s positional parameters as its synopsis shows them, e.g. [MESSAGE...]. */
    private static List<String> takes(CommandSpec command) {
        List<String> takes = new ArrayList<>();
        for (PositionalParamSpec p : command.positionalParameters()) {
            if (!p.hidden()) {
                String label = p.paramLabel() + (p.isMultiValue() ? "..." : "");
                takes.add(p.arity().min() == 0 ? "[" + label + "]" : label);
            }
        }
        return takes;
    }

    /** Says {@code typed} names none of {@code cl}'s commands, lists them, and suggests the nearest. */
    private static void unknownCommand(PrintWriter err, CommandLine cl, String typed, String helpPrefix) {
        List<String> commands = new ArrayList<>(cl.getSubcommands().keySet());
        err.println("error: unknown command " + Cli.quote(typed) + ": use " + orList(commands) + ".");
        printSuggestion(err, cl.getCommandSpec().qualifiedName() + " " + helpPrefix, typed, commands);
    }

    private static String orList(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** The message of {@code ex} as one sentence starting in lower case. */
    static String sentence(ParameterException ex) {
        String message;
        if (ex.getCause() instanceof TypeConversionException) {
            message = ex.getCause().getMessage();
            if (ex.getArgSpec() instanceof OptionSpec option) {
                String bare = option.longestName().replaceFirst("^-+", "").replace('-', ' ');
                if (!message.startsWith(bare + " ")) {
                    message = option.longestName() + ": " + message;
                }
            }
        } else {
            message = ex.getMessage() == null ? "bad usage." : ex.getMessage();
        }
        // Some of picocli's own messages begin "Error: ".
        message = lowerFirst(message.replaceFirst("^Error: ", ""));
        Matcher noValue = NO_VALUE.matcher(message);
        if (noValue.matches()) {
            return noValue.group(1) + " needs a value: give its " + noValue.group(2) + " after it.";
        }
        return message;
    }

    /** {@code message} with its first letter in lower case, unless it begins an acronym. */
    private static String lowerFirst(String message) {
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1))) {
            return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message;
    }

    /**
     * Says {@code message} as a usage error of {@code command} ({@code tincan send}), as a
     * command's own {@code ParameterException} is said; returns {@link #EXIT_USAGE}. For a
     * command read without picocli ({@link QuickSend}) that finds a mistake only once it has
     * read its standard input, and so cannot leave the line to picocli.
     */
    static int report(String message, String command, PrintWriter err) {
        err.println("error: " + Escapes.oneLine(lowerFirst(message)));
        err.println("Try '" + command + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    /** Near misses by edit distance, for typing mistakes such as {@code sned} for {@code send}. */
    static final class Suggestions {
        private Suggestions() {
        }

        /**
         * The candidates within a small edit distance of {@code typed} (swapped neighbours count
         * as one edit), nearest first; empty when none is near enough to be a typing mistake.
         */
        static List<String> nearest(String typed, List<String> candidates) {
            String t = typed.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
            int allowed = Math.max(1, Math.min(2, t.length() / 3));
            List<Map.Entry<String, Integer>> near = new ArrayList<>();
            for (String candidate : candidates) {
                int d = distance(t, candidate.replaceFirst("^-+", "").toLowerCase(Locale.ROOT));
                if (d <= allowed) {
                    near.add(Map.entry(candidate, d));
                }
            }
            near.sort(Comparator.comparingInt(Map.Entry::getValue));
            int best = near.isEmpty() ? 0 : near.get(0).getValue();
            return near.stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
        }

        /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
        static int distance(String a, String b) {
            int[][] d = new int[a.length() + 1][b.length() + 1];
            for (int i = 0; i <= a.length(); i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length(); j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                    if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                    }
                }
            }
            return d[a.length()][b.length()];
        }
    }
}
