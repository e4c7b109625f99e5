package org.nettychat.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nettychat.protocol.ChatMessage;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.protocol.codec.ChatFrame;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.server.ServerConfig;
import org.nettychat.server.ServerOptions;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.auth.Accounts;
import org.nettychat.server.auth.Authenticator;
import org.nettychat.server.backplane.Backplane;
import org.nettychat.server.backplane.LocalBackplane;

/** The whole server pipeline on an {@link EmbeddedChannel}, with the real in-memory backplane. */
class ChatServerPipelineTest {

    private EmbeddedChannel channel;
    private final ServerMetrics metrics = new ServerMetrics();
    private LocalBackplane backplane;
    private ServerConfig config;

    @BeforeEach
    void setUp() throws Exception {
        config = ServerOptions.parse(List.of("--max-frame", "1024"), Map.of());
        backplane = new LocalBackplane(10, Long.MAX_VALUE, 100, 100, metrics, Clock.systemUTC());
        channel = channelOn(backplane);
    }

    private EmbeddedChannel channelOn(Backplane backplane) {
        return new EmbeddedChannel(new ChatServerInitializer(config, backplane, metrics, Clock.systemUTC(),
                1 << 20, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), () -> false,
                new Authenticator(Accounts.none()), null));
    }

    /** The in-memory backplane, but a name's registration completes only with {@code registration}. */
    private Backplane registeringWhen(CompletableFuture<Boolean> registration) {
        return (Backplane) Proxy.newProxyInstance(Backplane.class.getClassLoader(), new Class<?>[] {Backplane.class},
                (proxy, method, args) -> method.getName().equals("register")
                        ? registration : method.invoke(backplane, args));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        backplane.close();
    }

    @Test
    void read_whenHeaderHasLetter_thenSendsBadHeaderAndCloses() {
        channel.writeInbound(ascii("5a      alice"));
        assertThat(nextReply()).isEqualTo(new ErrorMessage("bad-header",
                "user length header: \"5a      \" (expected: 1-8 ASCII digits, then spaces to 8 bytes)", null));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void read_whenBodyOverConfiguredLimit_thenSendsTooLargeAndCloses() {
        channel.writeInbound(ascii("0       1025    "));
        assertThat(nextReply()).isEqualTo(new ErrorMessage("too-large", "body length: 1025 (expected: <= 1024)", null));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void read_whenJsonInvalidAfterLogin_thenSendsBadJsonAndStaysOpen() {
        channel.writeInbound(frame("", "{\"type\":\"hello\",\"name\":\"alice\"}"));
        assertThat(nextReply()).isInstanceOf(Welcome.class);
        drainReplies();
        channel.writeInbound(frame("", "{\"type\":"));
        assertThat(nextReply()).isInstanceOfSatisfying(ErrorMessage.class,
                error -> assertThat(error.code()).isEqualTo("bad-json"));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void hello_whenLoginUnavailable_thenARequestSentBehindItIsAnsweredNotDropped() {
        CompletableFuture<Boolean> registration = new CompletableFuture<>();
        channel.finishAndReleaseAll();
        channel = channelOn(registeringWhen(registration));

        channel.writeInbound(frame("", "{\"type\":\"hello\",\"name\":\"alice\"}"),
                frame("", "{\"type\":\"say\",\"text\":\"hi\",\"ref\":\"q1\"}"));
        registration.completeExceptionally(new IllegalStateException("the cluster's store is away"));

        assertThat(nextReply())
                .isEqualTo(new ErrorMessage("unavailable", "cannot log in right now, retry later", null));
        assertThat(nextReply()).isInstanceOfSatisfying(ErrorMessage.class, error -> {
            assertThat(error.code()).isEqualTo("not-logged-in");
            assertThat(error.ref()).isEqualTo("q1");
        });
    }

    @Test
    void hello_whenRequestsWaitBehindIt_thenEachTakesOneTokenAfterLogin() throws Exception {
        CompletableFuture<Boolean> registration = new CompletableFuture<>();
        channel.finishAndReleaseAll();
        config = ServerOptions.parse(List.of("--rate", "1", "--burst", "3"), Map.of());
        channel = channelOn(registeringWhen(registration));

        channel.writeInbound(frame("", "{\"type\":\"hello\",\"name\":\"alice\"}"));
        for (int i = 1; i <= 3; i++) {
            channel.writeInbound(frame("", "{\"type\":\"ping\",\"ref\":\"p" + i + "\"}"));
        }
        registration.complete(true);
        channel.runPendingTasks();

        List<String> pongs = new java.util.ArrayList<>();
        while (pongs.size() < 3) {
            ChatMessage reply = nextReply();
            assertThat(reply).isNotInstanceOf(ErrorMessage.class);
            if (reply instanceof org.nettychat.protocol.Pong pong) {
                pongs.add(pong.ref());
            }
        }
        assertThat(pongs).containsExactly("p1", "p2", "p3");
    }

    @Test
    void read_whenSayBeforeHello_thenNotLoggedInAndCloses() {
        channel.writeInbound(frame("", "hello everyone"));
        assertThat(nextReply()).isInstanceOfSatisfying(ErrorMessage.class,
                error -> assertThat(error.code()).isEqualTo("not-logged-in"));
        assertThat(channel.isOpen()).isFalse();
    }

    private ChatMessage nextReply() {
        channel.runPendingTasks();
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("a reply").isNotNull();
        EmbeddedChannel decoder = new EmbeddedChannel(new ChatFrameDecoder(1 << 20));
        decoder.writeInbound(out);
        ChatFrame frame = decoder.readInbound();
        try {
            return ChatMessageDecoder.decodeServerMessage(frame.body());
        } finally {
            frame.release();
            decoder.finishAndReleaseAll();
        }
    }

    private void drainReplies() {
        channel.runPendingTasks();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ((ByteBuf) out).release();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static ByteBuf frame(String user, String body) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = Unpooled.buffer();
        buf.writeCharSequence(String.format("%-8d", u.length), StandardCharsets.US_ASCII);
        buf.writeBytes(u);
        buf.writeCharSequence(String.format("%-8d", b.length), StandardCharsets.US_ASCII);
        buf.writeBytes(b);
        return buf;
    }
}
