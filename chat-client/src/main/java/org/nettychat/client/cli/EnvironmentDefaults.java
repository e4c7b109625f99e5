package org.nettychat.client.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Takes option defaults from environment variables: {@code --host} from {@code CHAT_HOST}, and so on. */
final class EnvironmentDefaults implements IDefaultValueProvider {

    private static final Map<String, String> VARIABLES = Map.of(
            "--host", "CHAT_HOST",
            "--port", "CHAT_PORT",
            "--name", "CHAT_NAME",
            "--password", "CHAT_PASSWORD",
            "--room", "CHAT_ROOM",
            "--tls", "CHAT_TLS",
            "--ca-file", "CHAT_CA_FILE",
            "--log-file", "CHAT_LOG_FILE");

    private final Map<String, String> env;

    EnvironmentDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String variable = VARIABLES.get(option.longestName());
            String value = variable == null ? null : env.get(variable);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
