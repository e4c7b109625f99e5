package org.nettychat.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.util.Objects;

/**
 * One frame of the wire format: the USER field and the undecoded BODY bytes. A relay can forward frames without
 * parsing their JSON. The frame owns one reference to its body; whoever receives it releases it.
 */
public final class ChatFrame extends DefaultByteBufHolder {

    private final String user;

    public ChatFrame(String user, ByteBuf body) {
        super(body);
        this.user = Objects.requireNonNull(user, "user");
    }

    /** The USER field: the sender's name, or empty. */
    public String user() {
        return user;
    }

    /** The BODY bytes, from reader index to writer index. */
    public ByteBuf body() {
        return content();
    }

    @Override
    public ChatFrame replace(ByteBuf content) {
        return new ChatFrame(user, content);
    }

    @Override
    public ChatFrame copy() {
        return replace(content().copy());
    }

    @Override
    public ChatFrame duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public ChatFrame retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public ChatFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public ChatFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public ChatFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public ChatFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "ChatFrame(user=" + user + ", body=" + content().readableBytes() + "B)";
    }
}
