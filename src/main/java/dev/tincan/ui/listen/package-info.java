/**
 * The listening tab: Tincan as the server a device calls. {@link dev.tincan.ui.listen.ListenDialog}
 * asks where to listen; {@link dev.tincan.ui.listen.ListenTab} lists the clients a
 * {@link dev.tincan.relay.Listener} accepts and shows the one picked as a session tab of its own,
 * behind the window's {@link dev.tincan.ui.WindowTab} like every other kind of tab.
 */
package dev.tincan.ui.listen;
