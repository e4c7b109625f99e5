package org.nettychat.server.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The admin HTTP endpoints: {@code GET /health} (200 while serving, 503 while draining or stopping),
 * {@code GET /metrics} (Prometheus text) and {@code POST /drain}. Requests are not logged.
 */
@Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;
    private final BooleanSupplier serving;
    private final BooleanSupplier backplaneAvailable;
    private final Runnable drain;

    public AdminHandler(ServerMetrics metrics, BooleanSupplier serving, BooleanSupplier backplaneAvailable,
            Runnable drain) {
        this.metrics = metrics;
        this.serving = serving;
        this.backplaneAvailable = backplaneAvailable;
        this.drain = drain;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        HttpMethod method = request.method();
        FullHttpResponse response;
        if (path.equals("/health") && method.equals(HttpMethod.GET)) {
            response = !serving.getAsBoolean()
                    ? text(HttpResponseStatus.SERVICE_UNAVAILABLE, "draining\n", HttpHeaderValues.TEXT_PLAIN.toString())
                    : !backplaneAvailable.getAsBoolean()
                    ? text(HttpResponseStatus.SERVICE_UNAVAILABLE, "backplane unavailable\n",
                            HttpHeaderValues.TEXT_PLAIN.toString())
                    : text(HttpResponseStatus.OK, "ok\n", HttpHeaderValues.TEXT_PLAIN.toString());
        } else if (path.equals("/metrics") && method.equals(HttpMethod.GET)) {
            response = text(HttpResponseStatus.OK, metrics.render(), PROMETHEUS_TYPE);
        } else if (path.equals("/drain") && method.equals(HttpMethod.POST)) {
            drain.run();
            response = text(HttpResponseStatus.ACCEPTED, "draining\n", HttpHeaderValues.TEXT_PLAIN.toString());
        } else if (path.equals("/health") || path.equals("/metrics") || path.equals("/drain")) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n",
                    HttpHeaderValues.TEXT_PLAIN.toString());
        } else {
            response = text(HttpResponseStatus.NOT_FOUND, "not found\n", HttpHeaderValues.TEXT_PLAIN.toString());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    static FullHttpResponse text(HttpResponseStatus status, String body, String contentType) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return response;
    }
}
