/**
 * The companion server: a thread-per-client TCP server that answers in one of several
 * {@link dev.tincan.server.Mode}s (echo, upper, you-sent, chat, ticker, flood) in any
 * framing, so that Tincan's client, command line and benchmarks have something to talk to.
 * Start one with {@code new CompanionServer(ServerConfig.builder().port(0).build()).start()}.
 */
package dev.tincan.server;
