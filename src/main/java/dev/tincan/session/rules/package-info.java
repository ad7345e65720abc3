/**
 * Auto-reply rules: a received frame that matches a rule is answered, noted, marked,
 * recorded, or stops a repeat, on the engine's own thread and without a window. A
 * {@link dev.tincan.session.rules.RuleEngine} runs one conversation's rules; a
 * {@link dev.tincan.session.rules.SessionRules} hooks it into a session as a tap,
 * {@link dev.tincan.session.rules.StartingRules} gives every new session (each client a
 * listener accepts) its rules before its first frame, and a
 * {@link dev.tincan.session.rules.RulesResponder} lets the companion server answer by the
 * same rules. Rules files are read and written by {@link dev.tincan.session.rules.RulesFile}.
 */
package dev.tincan.session.rules;
