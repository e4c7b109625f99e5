package org.nettychat.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.server.admin.ServerMetrics;

class SlowConsumerGuardTest {

    @Test
    void deliver_whenQueuedBytesReachTheCap_thenLaterFramesAreDroppedAndTheClientGetsByeAndIsClosed() {
        ServerMetrics metrics = new ServerMetrics();
        SlowConsumerGuard guard = new SlowConsumerGuard(TimeUnit.SECONDS.toNanos(10), 100, metrics);
        EmbeddedChannel channel = new EmbeddedChannel(guard);
        EmbeddedChannel client = new EmbeddedChannel(new ChatFrameDecoder());
        try {
            guard.deliver(Unpooled.wrappedBuffer(new byte[100]), 1);
            ByteBuf dropped = Unpooled.wrappedBuffer(new byte[10]);
            guard.deliver(dropped, 1);

            assertThat(dropped.refCnt()).isZero();
            assertThat(channel.isOpen()).isFalse();
            assertThat(metrics.render()).contains("chat_slow_consumer_disconnects_total 1");
            ByteBuf unread = channel.readOutbound();
            assertThat(unread.readableBytes()).isEqualTo(100);
            unread.release();
            client.writeInbound((ByteBuf) channel.readOutbound());
            ChatFrame bye = client.readInbound();
            try {
                assertThat(ChatMessageDecoder.decodeServerMessage(bye.body())).isEqualTo(new Bye(Bye.SLOW_CONSUMER));
            } finally {
                bye.release();
            }
        } finally {
            channel.finishAndReleaseAll();
            client.finishAndReleaseAll();
        }
    }
}
