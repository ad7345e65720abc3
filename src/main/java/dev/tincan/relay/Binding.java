package dev.tincan.relay;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/**
 * Opens the listening socket of a listener or relay, with one sentence when it cannot.
 * 127.0.0.1 is the default; {@link #everyInterface} says when an address opens the port to
 * the network, so the window and the command line can say so.
 */
public final class Binding {
    /** Connections the kernel may queue before they are accepted. */
    private static final int BACKLOG = 128;

    private Binding() {
    }

    /** The address used when none is chosen: 127.0.0.1. */
    public static InetAddress defaultAddress() {
        return InetAddress.getLoopbackAddress();
    }

    /** Whether {@code address} listens on every interface (0.0.0.0 or ::), reachable from the network. */
    public static boolean everyInterface(InetAddress address) {
        return address.isAnyLocalAddress();
    }

    /**
     * A datagram channel bound to {@code address}:{@code port} (port 0 picks a free one), in
     * blocking mode, with the same sentences as {@link #bind}: "listen on udp 127.0.0.1:50007
     * failed: the port is in use; ...".
     *
     * @param what what is listening, for the sentence, e.g. {@code "listen on udp"}
     * @throws IOException whose message is one sentence
     */
    public static DatagramChannel bindDatagram(InetAddress address, int port, String what) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        String where = dev.tincan.codec.HostPort.of(address.getHostAddress(), port);
        try {
            channel.bind(new InetSocketAddress(address, port));
            return channel;
        } catch (BindException e) {
            channel.close();
            throw new IOException(what + " " + where + " failed: " + bindWhy(e), e);
        } catch (IOException e) {
            channel.close();
            throw new IOException(what + " " + where + " failed: " + e.getMessage() + ".", e);
        }
    }

    private static String bindWhy(BindException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use")
                ? "the port is in use; pick another port or stop what holds it."
                : "the address is not this machine's or the port needs privileges (" + e.getMessage()
                        + "); pick another address or a port above 1023.";
    }

    /**
     * A server socket bound to {@code address}:{@code port} (port 0 picks a free one).
     *
     * @param what what is listening, for the sentence, e.g. {@code "listen"} or {@code "relay"}
     * @throws IOException whose message is one sentence, e.g. "relay on 127.0.0.1:50010 failed:
     *     the port is in use; pick another port or stop what holds it."
     */
    public static ServerSocket bind(InetAddress address, int port, String what) throws IOException {
        return bind(new ServerSocket(), address, port, what);
    }

    /**
     * As {@link #bind(InetAddress, int, String)}, but every socket it accepts has a channel,
     * so a selector can read it ({@link Socket#getChannel()}).
     */
    static ServerSocket bindChannel(InetAddress address, int port, String what) throws IOException {
        return bind(ServerSocketChannel.open().socket(), address, port, what);
    }

    private static ServerSocket bind(ServerSocket socket, InetAddress address, int port, String what)
            throws IOException {
        String where = dev.tincan.codec.HostPort.of(address.getHostAddress(), port);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), BACKLOG);
            return socket;
        } catch (BindException e) {
            socket.close();
            String why = e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use")
                    ? "the port is in use; pick another port or stop what holds it."
                    : "the address is not this machine's or the port needs privileges (" + e.getMessage()
                            + "); pick another address or a port above 1023.";
            throw new IOException(what + " on " + where + " failed: " + why, e);
        } catch (IOException e) {
            socket.close();
            throw new IOException(what + " on " + where + " failed: " + e.getMessage() + ".", e);
        }
    }
}
