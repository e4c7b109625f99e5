package org.nettychat.client.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import org.nettychat.client.ChatClient;
import org.nettychat.client.ChatSession;

/** Creates sessions for {@link ChatClient}; not part of the public API. */
public final class SessionFactory {

    private SessionFactory() {
    }

    /** Starts a session with {@code settings}; the future completes when it is logged in. */
    public static CompletableFuture<ChatSession> connect(ChatClient.ClientSettings settings) {
        EventLoopGroup ownGroup = settings.eventLoopGroup() == null
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("chat-client-io", true),
                        NioIoHandler.newFactory())
                : null;
        EventLoopGroup group = ownGroup == null ? settings.eventLoopGroup() : ownGroup;
        // All connections of a session use one event loop, which owns the session's state.
        SessionCore core = new SessionCore(settings, group.next(), ownGroup);
        return core.start(new DefaultChatSession(settings.name(), core));
    }
}
