package org.nettychat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ErrorCode;

/**
 * Feeds arbitrary bytes, cut into arbitrary chunks, to {@link ChatFrameDecoder}. It may only yield frames within the
 * limits or fail once with a framing error; it never holds more than one frame's worth of bytes, and every buffer is
 * released in the end.
 *
 * <p>Input layout (see {@code FUZZING.md}): the wire bytes are taken from the front; each chunk's size, 1 to 256, is
 * taken from the back, one byte per chunk (size = byte + 1).
 */
class ChatFrameDecoderFuzzTest {

    /** The smallest body limit a server may be configured with; small, so the limit is reached often. */
    private static final int BODY_LIMIT = 64;

    /** One incomplete frame at most: both headers, the largest USER and the largest BODY. */
    private static final int MAX_HELD_BYTES =
            2 * ChatProtocol.HEADER_LENGTH + ChatProtocol.MAX_USERNAME_BYTES + BODY_LIMIT;

    private static final Set<ErrorCode> FRAMING_ERRORS =
            EnumSet.of(ErrorCode.BAD_HEADER, ErrorCode.TOO_LARGE, ErrorCode.BAD_USER);

    private static final int MAX_CHUNK = 256;

    @FuzzTest
    void decode_whenArbitraryBytesInArbitraryChunks_thenFramesOrOneFramingError(FuzzedDataProvider data) {
        RecordingCumulator cumulator = new RecordingCumulator();
        ChatFrameDecoder decoder = new ChatFrameDecoder(BODY_LIMIT);
        decoder.setCumulator(cumulator);
        EmbeddedChannel channel = UntrackedBuffers.channel(decoder);
        List<ByteBuf> inputs = new ArrayList<>();
        ErrorCode failure = null;
        while (data.remainingBytes() > 0) {
            int size = data.consumeInt(1, MAX_CHUNK);
            ByteBuf chunk = UntrackedBuffers.ALLOCATOR.buffer(size).writeBytes(data.consumeBytes(size));
            inputs.add(chunk);
            boolean failedBefore = failure != null;
            ErrorCode error = write(channel, chunk);
            if (error != null) {
                assertThat(failedBefore).as("a second error: %s after %s", error, failure).isFalse();
                failure = error;
            }
            int frames = readFrames(channel);
            if (failedBefore) {
                assertThat(frames).as("frames after %s", failure).isZero();
            }
            assertThat(cumulator.heldBytes()).as("bytes held (failure: %s)", failure)
                    .isLessThanOrEqualTo(failure == null ? MAX_HELD_BYTES - 1 : 0);
        }
        assertThat(channel.finishAndReleaseAll()).as("messages left after finish").isFalse();
        assertAllReleased(inputs, "input chunk");
        assertAllReleased(cumulator.cumulations, "cumulation");
    }

    /** Writes one chunk; returns the framing error it caused, or null. Any other failure escapes. */
    private static ErrorCode write(EmbeddedChannel channel, ByteBuf chunk) {
        try {
            channel.writeInbound(chunk);
            return null;
        } catch (ChatCodecException e) {
            assertThat(FRAMING_ERRORS).as("documented framing error: %s", e.getMessage()).contains(e.code());
            assertThat(e.code().closesConnection()).isTrue();
            return e.code();
        }
    }

    /** Reads, checks and releases the frames decoded so far; returns how many there were. */
    private static int readFrames(EmbeddedChannel channel) {
        int count = 0;
        for (Object out = channel.readInbound(); out != null; out = channel.readInbound(), count++) {
            assertThat(out).isInstanceOf(ChatFrame.class);
            ChatFrame frame = (ChatFrame) out;
            try {
                assertThat(ByteBufUtil.utf8Bytes(frame.user())).isLessThanOrEqualTo(ChatProtocol.MAX_USERNAME_BYTES);
                assertThat(frame.body().readableBytes()).isLessThanOrEqualTo(BODY_LIMIT);
                assertThat(frame.refCnt()).as("frame owns its body").isPositive();
            } finally {
                frame.release();
            }
        }
        return count;
    }

    private static void assertAllReleased(List<ByteBuf> buffers, String what) {
        for (int i = 0; i < buffers.size(); i++) {
            assertThat(buffers.get(i).refCnt()).as("%s %d released", what, i).isZero();
        }
    }

    /** The default cumulator, remembering each cumulation so the test can see what the decoder holds and frees. */
    private static final class RecordingCumulator implements ByteToMessageDecoder.Cumulator {

        final List<ByteBuf> cumulations = new ArrayList<>();

        @Override
        public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
            ByteBuf result = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
            if (cumulations.isEmpty() || cumulations.get(cumulations.size() - 1) != result) {
                cumulations.add(result);
            }
            return result;
        }

        /** Unread bytes of the current cumulation; zero once the decoder has released it. */
        int heldBytes() {
            ByteBuf last = cumulations.isEmpty() ? null : cumulations.get(cumulations.size() - 1);
            return last == null || last.refCnt() == 0 ? 0 : last.readableBytes();
        }
    }
}
