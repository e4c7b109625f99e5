package org.nettychat.server.pipeline;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The addresses (single IPs or CIDR blocks) allowed to put a PROXY protocol header in front of a connection. */
public final class TrustedProxies {

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses a comma-separated list such as {@code 127.0.0.1, 10.0.0.0/8, ::1}; IP literals only, no host names.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static TrustedProxies parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                blocks.add(Block.parse(trimmed));
            }
        }
        return new TrustedProxies(blocks);
    }

    /** Whether a connection from {@code remote} may send a PROXY header. */
    public boolean trusts(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return false;
        }
        byte[] address = socket.getAddress().getAddress();
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    /** Whether any proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    private record Block(byte[] network, int prefixBits) {

        static Block parse(String text) {
            int slash = text.indexOf('/');
            String ip = slash < 0 ? text : text.substring(0, slash);
            if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("proxy-protocol-from: \"" + text
                        + "\" (expected: IP addresses or CIDR blocks such as 10.0.0.0/8)");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(ip).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("proxy-protocol-from: \"" + text + "\" is not an IP address");
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("proxy-protocol-from: \"" + text + "\" (expected: a prefix 0.."
                            + network.length * 8 + ")");
                }
            }
            return new Block(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
