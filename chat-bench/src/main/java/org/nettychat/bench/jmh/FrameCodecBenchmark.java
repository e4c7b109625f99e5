package org.nettychat.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatFrameEncoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The frame layer: splitting a stream of {@value #FRAMES} message frames, and writing one frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

    static final int FRAMES = 64;

    private ByteBuf stream;
    private ByteBuf body;
    private ByteBuf out;
    private EmbeddedChannel decoder;

    @Setup
    public void setUp() {
        stream = PooledByteBufAllocator.DEFAULT.directBuffer();
        for (int i = 0; i < FRAMES; i++) {
            ChatMessageEncoder.encode(Samples.LINE, stream);
        }
        body = PooledByteBufAllocator.DEFAULT.directBuffer();
        ChatMessageEncoder.encode(Samples.LINE, body);
        body.skipBytes(2 * ChatProtocol.HEADER_LENGTH + Samples.LINE.from().length());
        out = PooledByteBufAllocator.DEFAULT.directBuffer(512);
        decoder = new EmbeddedChannel(new ChatFrameDecoder(ChatProtocol.MAX_HEADER_VALUE));
    }

    @TearDown
    public void tearDown() {
        decoder.finishAndReleaseAll();
        stream.release();
        body.release();
        out.release();
    }

    /** Per frame: the stream of 64 frames arrives as one read and is split into frames. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode(Blackhole hole) {
        decoder.writeInbound(stream.retainedDuplicate());
        ChatFrame frame;
        while ((frame = decoder.readInbound()) != null) {
            hole.consume(frame.user());
            frame.release();
        }
    }

    /** One frame written around an already-encoded body. */
    @Benchmark
    public ByteBuf encode() {
        out.clear();
        ChatFrameEncoder.encode(Samples.LINE.from(), body, out);
        return out;
    }
}
