package dev.tincan.session.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules files on disk: what is written reads back the same, and what cannot run is refused in one sentence. */
class RulesFileTest {
    private static final Path FOLDER = Path.of("target", "test-rules-files");

    private static Path file(String name, String json) throws Exception {
        Files.createDirectories(FOLDER);
        Path f = FOLDER.resolve(name);
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private static String one(String match, String actions) {
        return "{\"version\":1,\"rules\":[{\"name\":\"r\",\"match\":" + match + ",\"actions\":" + actions + "}]}";
    }

    @Test
    void everyKindOfMatchAndActionReadsBackAsWritten() throws Exception {
        List<Rule> rules = List.of(
                new Rule("ping", true, new Match(Match.Kind.REGEX, "^PING (\\d+)$", false), List.of(
                        new Action.Reply("PONG {{1}} {{counter}}", false, Duration.ofMillis(250)),
                        new Action.Note("answered"), new Action.Mark(), new Action.StopRepeat(),
                        new Action.Snapshot(100, "ping-{{time:HHmmss}}.jsonl"), new Action.StopRules()), 50),
                new Rule("stx", false, new Match(Match.Kind.HEX, "02 ?? * 03", false),
                        List.of(new Action.Reply("06 {{frame}}", true, Duration.ZERO)), 1000),
                new Rule("bin", true, new Match(Match.Kind.CONTAINS, "de ad", true), List.of(new Action.Mark()), 7),
                new Rule("x", Match.text(Match.Kind.EXACT, "a\\r"), List.of(new Action.Note("exact"))),
                new Rule("y", Match.text(Match.Kind.PREFIX, "GET "), List.of(new Action.Note("prefix"))));
        Path f = FOLDER.resolve("round-trip.json");
        RulesFile.write(f, rules);

        assertThat(RulesFile.read(f)).isEqualTo(rules);
        try (var leftovers = Files.list(FOLDER)) {
            assertThat(leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() throws Exception {
        Rule r = RulesFile.read(file("defaults.json", one("{\"kind\":\"exact\",\"pattern\":\"a\"}",
                "[{\"reply\":\"b\"}]"))).get(0);
        assertThat(r.enabled()).isTrue();
        assertThat(r.maxPerSecond()).isEqualTo(Rule.DEFAULT_MAX_PER_SECOND);
        assertThat(r.actions()).containsExactly(new Action.Reply("b", false, Duration.ZERO));
    }

    @Test
    void aBadRegexIsRefusedWithTheFileAndTheRule() throws Exception {
        Path f = file("bad-regex.json", one("{\"kind\":\"regex\",\"pattern\":\"(unclosed\"}", "[{\"mark\":true}]"));
        assertThatThrownBy(() -> RulesFile.read(f)).isInstanceOf(RulesFileException.class)
                .hasMessage(f + " cannot be used: rule 1 ('r') cannot be used: the regex \"(unclosed\" is not valid: "
                        + "Unclosed group at the end.");
    }

    @Test
    void aBadHexPatternIsRefused() throws Exception {
        Path f = file("bad-hex.json", one("{\"kind\":\"hex\",\"pattern\":\"02 ? 03\"}", "[{\"mark\":true}]"));
        assertThatThrownBy(() -> RulesFile.read(f)).hasMessage(f + " cannot be used: rule 1 ('r') cannot be used: "
                + "the hex pattern \"02 ? 03\" has a lone ? at character 4: write ?? for any one byte.");
    }

    @Test
    void aTemplateAskingForAGroupThePatternLacksIsRefused() throws Exception {
        Path f = file("bad-group.json", one("{\"kind\":\"regex\",\"pattern\":\"^a(b)$\"}", "[{\"reply\":\"{{2}}\"}]"));
        assertThatThrownBy(() -> RulesFile.read(f)).hasMessage(f + " cannot be used: rule 1 ('r') cannot be used: "
                + "rule 'r' has a reply that cannot be used: {{2}} at character 1 needs group 2, but the regex pattern "
                + "has 1 group.");
    }

    @Test
    void anUnknownPlaceholderIsRefused() throws Exception {
        Path f = file("bad-placeholder.json", one("{\"kind\":\"exact\",\"pattern\":\"a\"}",
                "[{\"reply\":\"{{frames}}\"}]"));
        assertThatThrownBy(() -> RulesFile.read(f)).hasMessageStartingWith(f + " cannot be used: rule 1 ('r') cannot "
                + "be used: rule 'r' has a reply that cannot be used: {{frames}} at character 1 is not a placeholder");
    }

    @Test
    void aNewerVersionBrokenJsonAndTwinNamesAreRefused() throws Exception {
        Path newer = file("newer.json", "{\"version\":2,\"rules\":[]}");
        assertThatThrownBy(() -> RulesFile.read(newer)).hasMessage(newer + " was written by a newer Tincan (rules "
                + "version 2; this one reads up to 1): update Tincan to open it.");
        Path broken = file("broken.json", "{\"version\":1,\"rules\":[");
        assertThatThrownBy(() -> RulesFile.read(broken)).hasMessageStartingWith(broken + " cannot be used: it is not "
                + "valid JSON");
        String rule = "{\"name\":\"a\",\"match\":{\"kind\":\"exact\",\"pattern\":\"x\"},\"actions\":[{\"mark\":true}]}";
        Path twins = file("twins.json", "{\"version\":1,\"rules\":[" + rule + "," + rule + "]}");
        assertThatThrownBy(() -> RulesFile.read(twins)).hasMessage(twins + " cannot be used: rules 1 and 2 are both "
                + "called 'a': give each rule its own name.");
        Path unknown = file("unknown-action.json", one("{\"kind\":\"exact\",\"pattern\":\"a\"}", "[{\"shout\":1}]"));
        assertThatThrownBy(() -> RulesFile.read(unknown)).hasMessage(unknown + " cannot be used: rule 1 ('r') action 1 "
                + "is none of reply, note, mark, stopRepeat, snapshot or stopRules.");
        Path missing = FOLDER.resolve("no-such-file.json");
        assertThatThrownBy(() -> RulesFile.read(missing)).hasMessage("could not read " + missing
                + ": there is no such file or folder.");
    }
}
