/**
 * Listen and relay: be the server a device calls ({@link dev.tincan.relay.Listener}, every
 * accepted client a {@link dev.tincan.session.Session} of its own), and sit between a client
 * and its server ({@link dev.tincan.relay.Relay}), decoding both directions, holding frames
 * for a person to forward, edit or drop, and adding faults on demand. Either may speak TLS
 * with its clients; a relay may also speak TLS to the server, so the frames it shows are the
 * plaintext of a TLS conversation whose ends trust it.
 *
 * <p>Both bind 127.0.0.1 unless told otherwise: a listener or relay on every interface is a
 * choice the caller makes visibly ({@link dev.tincan.relay.Binding#everyInterface}).
 * Nothing here imports Swing; the window and the command line drain the same events.
 */
package dev.tincan.relay;
