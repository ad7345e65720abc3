/**
 * The workbench without Swing: what a conversation needs that both the window and the
 * command line use. {@link dev.tincan.session.Session} is one conversation (its client
 * thread, its queues, pairing, counts and status, drained by a thread the caller picks);
 * the rest turns typed text into a payload and pairs replies with the requests they answer.
 */
package dev.tincan.session;
