package org.nettychat.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.nettychat.protocol.codec.MessageJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON layer: what the server does per say (decode the client's say, encode the message once for the room) and
 * what a client does (encode a say, decode a message).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageCodecBenchmark {

    private ByteBuf out;
    private ChatFrame sayFrame;
    private ByteBuf lineBody;

    @Setup
    public void setUp() {
        out = PooledByteBufAllocator.DEFAULT.directBuffer(512);
        sayFrame = new ChatFrame("", Unpooled.directBuffer().writeBytes(
                MessageJson.toJson(Samples.SAY).getBytes(StandardCharsets.UTF_8)));
        lineBody = Unpooled.directBuffer().writeBytes(
                MessageJson.toJson(Samples.LINE).getBytes(StandardCharsets.UTF_8));
    }

    @TearDown
    public void tearDown() {
        out.release();
        sayFrame.release();
        lineBody.release();
    }

    /** Server, once per say: the say's body to a {@code Say}. */
    @Benchmark
    public ChatMessage decodeSay() {
        return ChatMessageDecoder.decodeClientMessage(sayFrame);
    }

    /** Server, once per say: the {@code ChatLine} to a complete frame (the broadcast's shared bytes). */
    @Benchmark
    public ByteBuf encodeMessage() {
        out.clear();
        ChatMessageEncoder.encode(Samples.LINE, out);
        return out;
    }

    /** Client: a say to a complete frame. */
    @Benchmark
    public ByteBuf encodeSay() {
        out.clear();
        ChatMessageEncoder.encode(Samples.SAY, out);
        return out;
    }

    /** Client: a message body to a {@code ChatLine}. */
    @Benchmark
    public ChatMessage decodeMessage() {
        return ChatMessageDecoder.decodeServerMessage(lineBody);
    }
}
