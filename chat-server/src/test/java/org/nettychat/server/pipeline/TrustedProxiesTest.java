package org.nettychat.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void trusts_whenAddressInsideABlock_thenTrue() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, ::1");
        assertThat(proxies.trusts(new InetSocketAddress("10.200.3.4", 1))).isTrue();
        assertThat(proxies.trusts(new InetSocketAddress("192.168.1.5", 1))).isTrue();
        assertThat(proxies.trusts(new InetSocketAddress("::1", 1))).isTrue();
        assertThat(proxies.trusts(new InetSocketAddress("11.0.0.1", 1))).isFalse();
        assertThat(proxies.trusts(new InetSocketAddress("192.168.1.6", 1))).isFalse();
    }

    @Test
    void parse_whenEmpty_thenTrustsNobody() {
        TrustedProxies none = TrustedProxies.parse("");
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.trusts(new InetSocketAddress("127.0.0.1", 1))).isFalse();
    }

    @Test
    void parse_whenEntryInvalid_thenNamesIt() {
        assertThatThrownBy(() -> TrustedProxies.parse("lb.example.org"))
                .hasMessageContaining("proxy-protocol-from: \"lb.example.org\"");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
                .hasMessageContaining("expected: a prefix 0..32");
    }
}
