package org.nettychat.client.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.nettychat.client.ChatClient.ClientSettings;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.codec.ChatFrameDecoder;
import org.nettychat.protocol.codec.ChatMessageDecoder;
import org.nettychat.protocol.codec.ChatMessageEncoder;

/** Builds the pipeline of each connection of a session. */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Name of the idle handler in a pipeline. */
    static final String IDLE_NAME = "idle";

    /** Silence from the server for this many ping intervals means the connection is dead. */
    static final int READ_TIMEOUT_INTERVALS = 3;

    private final ClientSettings settings;
    private final SessionCore core;
    private final ReconnectWatchdog watchdog;
    private final ClientTlsContext tls;

    ClientChannelInitializer(ClientSettings settings, SessionCore core, ReconnectWatchdog watchdog) {
        this.settings = settings;
        this.core = core;
        this.watchdog = watchdog;
        this.tls = settings.tls() == null ? null : ClientTlsContext.of(settings.tls());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long ping = settings.pingInterval().toMillis();
        if (tls != null) {
            // TLS below everything else; the certificate must name the host.
            ch.pipeline().addLast("tls", tls.newHandler(ch, settings.host(), settings.port()));
        }
        ch.pipeline()
                // Bytes to frames. The server's frames are not bounded by what it accepts (a history carries up
                // to 1000 messages), so allow the largest length the header can state.
                .addLast(ChatFrameDecoder.NAME, new ChatFrameDecoder(ChatProtocol.MAX_HEADER_VALUE))
                // Frames to typed server messages.
                .addLast(ChatMessageDecoder.NAME, ChatMessageDecoder.CLIENT_SIDE)
                // Typed client messages to frames.
                .addLast(ChatMessageEncoder.NAME, ChatMessageEncoder.INSTANCE)
                // Idle events: nothing written for a ping interval, nothing read for three.
                .addLast(IDLE_NAME, new IdleStateHandler(READ_TIMEOUT_INTERVALS * ping, ping, 0, TimeUnit.MILLISECONDS))
                // Pings when idle; closes a dead connection.
                .addLast(KeepAliveHandler.NAME, KeepAliveHandler.INSTANCE)
                // Answers the server's pings.
                .addLast(PingResponder.NAME, PingResponder.INSTANCE)
                // Sends hello, waits for welcome, then removes itself.
                .addLast(LoginHandler.NAME, new LoginHandler(core))
                // Routes everything else to the session.
                .addLast(SessionHandler.NAME, new SessionHandler(core))
                // Reconnects when the connection closes.
                .addLast(ReconnectWatchdog.NAME, watchdog);
    }
}
