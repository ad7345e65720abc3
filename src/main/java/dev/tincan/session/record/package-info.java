/**
 * Recordings: every frame of a session written to a JSON Lines file as it happens, read back,
 * replayed to a server, and exported for other tools. {@link dev.tincan.session.record.RecordFormat}
 * is the file format.
 */
package dev.tincan.session.record;
