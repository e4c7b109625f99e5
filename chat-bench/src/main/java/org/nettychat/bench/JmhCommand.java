package org.nettychat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Runs the JMH benchmarks of this jar; every argument goes to JMH ({@code jmh -h} lists them). */
@Command(name = "jmh", description = "Run the JMH microbenchmarks; arguments are JMH's own (try: jmh -l).")
final class JmhCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(new String[0]));
        return 0;
    }
}
