package dev.tincan.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoded frames waiting to go out in one write, bounded in count and bytes. Used by one
 * thread only.
 */
final class SendBatch {
    static final int MAX_FRAMES = 256;
    static final int MAX_BYTES = 256 * 1024;

    private final List<ClientCommand.Send> commands = new ArrayList<>();
    private final List<byte[]> wires = new ArrayList<>();
    private byte[] joined = new byte[0];
    private int bytes;

    void add(ClientCommand.Send command, byte[] wire) {
        commands.add(command);
        wires.add(wire);
        bytes += wire.length;
    }

    boolean full() {
        return commands.size() >= MAX_FRAMES || bytes >= MAX_BYTES;
    }

    boolean isEmpty() {
        return commands.isEmpty();
    }

    int size() {
        return commands.size();
    }

    List<ClientCommand.Send> commands() {
        return commands;
    }

    int wireLength(int i) {
        return wires.get(i).length;
    }

    /** One write: the frame itself when alone, else all frames joined; see {@link Connection#write(byte[], int, int)}. */
    void writeTo(Connection conn) throws IOException {
        if (wires.size() == 1) {
            byte[] wire = wires.get(0);
            conn.write(wire, wire.length, 1);
            return;
        }
        if (joined.length < bytes) {
            joined = new byte[Math.max(bytes, Math.min(MAX_BYTES * 2, joined.length * 2))];
        }
        int at = 0;
        for (byte[] wire : wires) {
            System.arraycopy(wire, 0, joined, at, wire.length);
            at += wire.length;
        }
        conn.write(joined, at, wires.size());
    }

    void clear() {
        commands.clear();
        wires.clear();
        bytes = 0;
    }
}
