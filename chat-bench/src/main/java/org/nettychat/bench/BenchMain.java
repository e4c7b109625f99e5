package org.nettychat.bench;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code chat-bench.jar}: one subcommand per workload, plus {@code jmh} for the microbenchmarks. */
@Command(name = "chat-bench", mixinStandardHelpOptions = true,
        description = "Load generator for the chat server (loopback only). See BENCHMARKS.md.",
        subcommands = {FanoutMaxCommand.class, FanoutLatencyCommand.class, ConnectionsCommand.class,
            RoomsCommand.class, JmhCommand.class})
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The generator's own buffers are not under test; sampling them for leaks costs a stack trace every so often.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        System.exit(commandLine().execute(args));
    }

    /** The command line of every workload; enum values (such as {@code --transport io_uring}) in any case. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
