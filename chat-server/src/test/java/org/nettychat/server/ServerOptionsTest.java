package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void parse_whenNothingGiven_thenDefaults() throws Exception {
        assertThat(ServerOptions.parse(List.of(), Map.of())).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void parse_whenFlagAndEnvironment_thenFlagWinsOverEnvironmentOverDefault() throws Exception {
        ServerConfig config = ServerOptions.parse(List.of("--port", "9000", "--idle-timeout=90s"),
                Map.of("CHAT_PORT", "8000", "CHAT_HISTORY", "7", "CHAT_MOTD", "hi", "CHAT_HELLO_TIMEOUT", "500ms"));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.historyLength()).isEqualTo(7);
        assertThat(config.motd()).isEqualTo("hi");
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.helloTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void parse_whenValueInvalid_thenNamesKeyAndAllowedValues() {
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "http"), Map.of()))
                .hasMessage("port: \"http\" (expected: a whole number)");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "70000"), Map.of()))
                .hasMessage("port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> ServerOptions.parse(List.of(), Map.of("CHAT_IDLE_TIMEOUT", "soon")))
                .hasMessageContaining("idle-timeout: \"soon\" (expected: a duration");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--transport", "carrier-pigeon"), Map.of()))
                .hasMessage("transport: \"carrier-pigeon\" (expected: auto, epoll or nio)");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--colour", "red"), Map.of()))
                .hasMessageContaining("unknown option: --colour");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--port"), Map.of()))
                .hasMessage("--port: missing value");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--idle-timeout", "999999999999999999m"), Map.of()))
                .hasMessageContaining("idle-timeout: \"999999999999999999m\" (expected: a duration");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--idle-timeout", "1000000000000s"), Map.of()))
                .hasMessage("idle-timeout: 1000000000000s (expected: a positive duration of at most 365 days)");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--node-ttl", "50ms"), Map.of()))
                .hasMessage("node-ttl: 50ms (expected: at least 1s)");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--history-memory", "0"), Map.of()))
                .hasMessage("history-memory: 0 (expected: 1..1048576)");
    }

    @Test
    void help_listsEveryOptionWithItsVariable() {
        String help = ServerOptions.help();
        for (ServerOptions.Option option : ServerOptions.OPTIONS) {
            assertThat(help).contains("--" + option.flag(), option.env());
        }
    }

    @Test
    void describe_showsEveryOptionsEffectiveValue() {
        String settings = ServerOptions.describe(ServerConfig.defaults());
        for (ServerOptions.Option option : ServerOptions.OPTIONS) {
            assertThat(settings).contains("--" + option.flag());
        }
        assertThat(settings).contains("--idle-timeout             60000ms");
    }

    @Test
    void describe_whenTheRedisUriHasAPassword_thenShowsOnlyHostAndPort() throws Exception {
        String settings = ServerOptions.describe(
                ServerOptions.parse(List.of(), Map.of("CHAT_REDIS", "redis://chat:s3cret@redis.internal:6380/0")));
        assertThat(settings).contains("--redis                    redis.internal:6380").doesNotContain("s3cret");
    }
}
