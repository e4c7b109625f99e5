package org.nettychat.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nettychat.protocol.Bye;
import org.nettychat.protocol.ChatProtocol;
import org.nettychat.protocol.ClientMessage;
import org.nettychat.protocol.ErrorCode;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.Names;
import org.nettychat.protocol.Ping;
import org.nettychat.protocol.Pong;
import org.nettychat.protocol.Welcome;
import org.nettychat.server.ServerConfig;
import org.nettychat.server.admin.ServerMetrics;
import org.nettychat.server.auth.Authenticator;
import org.nettychat.server.backplane.Backplane;

/**
 * Guards a new connection until it logs in: {@code hello} within the hello timeout, with a valid, unused name. On
 * success it welcomes the user, steps aside and tells the session handler; anything but hello, ping or bye before
 * that is refused and the connection closed.
 */
final class LoginHandler extends SimpleChannelInboundHandler<ClientMessage> {

    static final String NAME = "login";

    /** Messages held while the backplane confirms the name; a client that pipelines more is refused. */
    private static final int MAX_HELD = 64;

    private final ServerConfig config;
    private final Backplane backplane;
    private final ServerMetrics metrics;
    private final Authenticator authenticator;
    private ScheduledFuture<?> helloTimeout;
    /** The connection's rate limit until login; the session starts with a full one of its own. */
    private RateLimiter rateLimiter;
    private List<ClientMessage> held;

    LoginHandler(ServerConfig config, Backplane backplane, ServerMetrics metrics, Authenticator authenticator) {
        this.config = config;
        this.backplane = backplane;
        this.metrics = metrics;
        this.authenticator = authenticator;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rateLimiter = fullRateLimiter();
        helloTimeout = ctx.executor().schedule(() -> Replies.byeAndClose(ctx, Bye.HELLO_TIMEOUT),
                config.helloTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        helloTimeout.cancel(false);
    }

    private RateLimiter fullRateLimiter() {
        return new RateLimiter(config.ratePerSecond(), config.rateBurst(), System.nanoTime());
    }

    /** The connection's rate limit until login. */
    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientMessage message) {
        metrics.frameIn();
        if (Replies.isClosing(ctx.channel())) {
            return;
        }
        if (held != null) {
            // Held for after login, where the session's bucket charges it; at most MAX_HELD are held.
            hold(ctx, message);
        } else if (message instanceof Pong || Admission.admit(ctx, rateLimiter, metrics, message.ref())) {
            handle(ctx, message);
        }
    }

    private void handle(ChannelHandlerContext ctx, ClientMessage message) {
        if (Replies.isClosing(ctx.channel())) {
            return;
        }
        if (held != null) {
            hold(ctx, message);
        } else if (message instanceof Hello hello) {
            login(ctx, hello);
        } else if (message instanceof Ping ping) {
            ctx.writeAndFlush(new Pong(ping.ref()), ctx.voidPromise());
        } else if (message instanceof Bye) {
            Replies.byeAndClose(ctx, Bye.CLIENT);
        } else if (!(message instanceof Pong)) {
            Replies.error(ctx, metrics, ErrorCode.NOT_LOGGED_IN, "send hello first", message.ref());
        }
    }

    /** The rooms to rejoin; ids from another epoch mean nothing here, so those rooms get their whole history. */
    private Map<String, Long> resumePoints(Hello hello) {
        if (hello.resume() == null) {
            return Map.of();
        }
        if (hello.epoch() == null || hello.epoch().equals(backplane.epoch())) {
            return hello.resume();
        }
        Map<String, Long> fromStart = new LinkedHashMap<>();
        hello.resume().keySet().forEach(room -> fromStart.put(room, 0L));
        return fromStart;
    }

    private void hold(ChannelHandlerContext ctx, ClientMessage message) {
        if (held.size() >= MAX_HELD) {
            Replies.error(ctx, metrics, ErrorCode.NOT_LOGGED_IN, "too many messages before welcome", message.ref());
        } else {
            held.add(message);
        }
    }

    private void login(ChannelHandlerContext ctx, Hello hello) {
        String problem = Names.userNameProblem(hello.name()).orElse(null);
        if (problem != null) {
            Replies.error(ctx, metrics, ErrorCode.BAD_NAME, problem, null);
            return;
        }
        held = new ArrayList<>();
        authenticator.check(hello.name(), hello.password(), ClientAddress.inet(ctx.channel()))
                .whenComplete((verdict, failure) -> onLoop(ctx, () -> authenticated(ctx, hello, verdict, failure)));
    }

    private void authenticated(ChannelHandlerContext ctx, Hello hello, Authenticator.Verdict verdict,
            Throwable failure) {
        if (failure != null || verdict == Authenticator.Verdict.BUSY) {
            refused(ctx, ErrorCode.UNAVAILABLE, "cannot check passwords right now, retry later");
        } else if (verdict == Authenticator.Verdict.REJECTED || verdict == Authenticator.Verdict.THROTTLED) {
            refused(ctx, ErrorCode.AUTH_FAILED, verdict == Authenticator.Verdict.THROTTLED
                    ? "too many failed logins, try again later" : "wrong or missing password");
        } else {
            backplane.register(hello.name(), ctx.channel()).whenComplete(
                    (claimed, registerFailure) -> onLoop(ctx, () -> registered(ctx, hello, claimed, registerFailure)));
        }
    }

    private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    /**
     * Answers a hello that did not log in, then the messages held behind it as if they came now: a request gets
     * {@code not-logged-in}, another hello is tried (nothing is left unanswered). After a closing error they go unread.
     */
    private void refused(ChannelHandlerContext ctx, ErrorCode code, String text) {
        List<ClientMessage> waiting = held;
        held = null;
        Replies.error(ctx, metrics, code, text, null);
        waiting.forEach(message -> handle(ctx, message));
    }

    private void registered(ChannelHandlerContext ctx, Hello hello, Boolean claimed, Throwable failure) {
        if (failure != null) {
            backplane.undoRegister(hello.name(), ctx.channel());
            refused(ctx, ErrorCode.UNAVAILABLE, "cannot log in right now, retry later");
            return;
        }
        if (!claimed) {
            refused(ctx, ErrorCode.NAME_TAKEN, "name " + hello.name() + " is taken");
            return;
        }
        List<ClientMessage> waiting = held;
        held = null;
        if (!ctx.channel().isActive()) {
            backplane.unregister(hello.name(), ctx.channel());
            return;
        }
        // The session starts with a full bucket of its own, as welcome's rate and burst promise.
        Session session = new Session(hello.name(), fullRateLimiter());
        ctx.channel().attr(Session.KEY).set(session);
        metrics.loggedIn();
        String motd = config.motd().isEmpty() ? null : config.motd();
        ctx.writeAndFlush(new Welcome(hello.name(), ChatProtocol.VERSION, motd, config.maxBodyBytes(),
                backplane.epoch(), config.ratePerSecond(), config.rateBurst()), ctx.voidPromise());
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(new LoggedIn(resumePoints(hello)));
        waiting.forEach(ctx::fireChannelRead);
    }
}
