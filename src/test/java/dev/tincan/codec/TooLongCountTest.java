package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One decode call throws once, but says how many too-long frames it skipped, so none goes uncounted. */
class TooLongCountTest {

    private static TooLongFrameException decode(String spec, byte[] chunk, List<String> frames) {
        FrameDecoder decoder = Framing.parse(spec).newDecoder(4);
        List<byte[]> out = new ArrayList<>();
        TooLongFrameException e = catchThrowableOfType(TooLongFrameException.class,
                () -> decoder.decode(chunk, 0, chunk.length, out));
        out.forEach(f -> frames.add(new String(f, StandardCharsets.US_ASCII)));
        return e;
    }

    @Test
    void twoUnterminatedRunsInOneChunkCountAsTwo() {
        List<String> frames = new ArrayList<>();
        TooLongFrameException e = decode("line", "ok\nxxxxxx\nmid\nyyyyyyy\nend\n".getBytes(StandardCharsets.US_ASCII),
                frames);
        assertThat(e.frames()).isEqualTo(2);
        assertThat(e.framesBefore()).as("frames before the first too-long one").isEqualTo(1);
        assertThat(e.getMessage()).startsWith("frame too long: 5 bytes");
        assertThat(frames).containsExactly("ok", "mid", "end");
    }

    @Test
    void twoOversizedPrefixesInOneChunkCountAsTwo() {
        byte[] chunk = {0, 5, 1, 2, 3, 4, 5, 0, 1, 'a', 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 'b'};
        List<String> frames = new ArrayList<>();
        TooLongFrameException e = decode("len16", chunk, frames);
        assertThat(e.frames()).isEqualTo(2);
        assertThat(e.framesBefore()).isZero();
        assertThat(frames).containsExactly("a", "b");
    }

    @Test
    void oneTooLongFrameCountsAsOne() {
        List<String> frames = new ArrayList<>();
        assertThat(decode("line", "xxxxxx\nok\n".getBytes(StandardCharsets.US_ASCII), frames).frames()).isEqualTo(1);
    }
}
