/**
 * The relay tab: one transcript of both directions of every link a
 * {@link dev.tincan.relay.Relay} carries, holding, editing, dropping and injecting frames in
 * flight, and faults per direction. The tab owns its relay and drains it on the EDT with a
 * timer that never waits.
 */
package dev.tincan.ui.relay;
