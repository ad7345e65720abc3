package dev.tincan.hardening;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.DelimiterFraming;
import dev.tincan.codec.Framing;
import dev.tincan.codec.LengthPrefixFraming;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Payloads for conversations through faults, and their sizes on the wire. */
final class Frames {
    private Frames() {
    }

    /**
     * {@code count} payloads from {@code seed}, 0 to {@code maxLength} bytes long, that the
     * framing can carry: any bytes at all (delimiters included) under a length prefix,
     * printable ASCII under a delimiter. The first is empty, the second one byte long.
     */
    static List<Bytes> payloads(Framing framing, int count, int maxLength, long seed) {
        Random random = new Random(seed);
        boolean anyByte = framing instanceof LengthPrefixFraming;
        if (!anyByte && !(framing instanceof DelimiterFraming)) {
            throw new IllegalArgumentException("no payloads for " + framing.spec());
        }
        List<Bytes> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = i == 0 ? 0 : i == 1 ? 1 : random.nextInt(maxLength + 1);
            byte[] b = new byte[length];
            for (int k = 0; k < length; k++) {
                b[k] = anyByte ? (byte) random.nextInt(256) : (byte) (0x20 + random.nextInt(0x7f - 0x20));
            }
            payloads.add(Bytes.adopt(b));
        }
        return payloads;
    }

    /** The wire size of {@code payload} under {@code framing}. */
    static int wire(Framing framing, Bytes payload) {
        return framing.encode(payload).length;
    }

    /** The wire size of the first {@code n} payloads. */
    static long wire(Framing framing, List<Bytes> payloads, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += wire(framing, payloads.get(i));
        }
        return total;
    }
}
