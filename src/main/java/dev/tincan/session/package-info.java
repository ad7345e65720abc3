/**
 * The workbench without Swing: what a conversation needs that both the window and the
 * command line use, such as turning typed text into a payload and pairing replies with the
 * requests they answer.
 */
package dev.tincan.session;
