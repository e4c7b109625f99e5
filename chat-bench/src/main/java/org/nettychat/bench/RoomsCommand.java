package org.nettychat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Many small rooms, every member chatting at a steady rate: the typical shape of a chat service. */
@Command(name = "rooms", mixinStandardHelpOptions = true,
        description = "Many small rooms with steady chatter (default 2000 rooms of 5).")
final class RoomsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--rooms", defaultValue = "2000", description = "rooms (default: ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--room-size", defaultValue = "5", description = "members per room (default: ${DEFAULT-VALUE})")
    int roomSize;

    @Option(names = "--rate-per-user", defaultValue = "0.5",
            description = "messages/s each member says (default: ${DEFAULT-VALUE})")
    double ratePerUser;

    @Option(names = "--seconds", defaultValue = "20", description = "measured time (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "unmeasured warm-up at the same rate, running straight into the measured time "
                    + "(default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Override
    public Integer call() throws Exception {
        List<String> placement = new ArrayList<>(rooms * roomSize);
        // Client i goes to room i % rooms, so each room fills up while the fleet connects.
        for (int i = 0; i < rooms * roomSize; i++) {
            placement.add("r" + (i % rooms));
        }
        double rate = ratePerUser * placement.size();
        try (ClientFleet fleet = new ClientFleet(common.server(), common.threads, common.transport)) {
            System.out.printf("rooms: %,d rooms of %d, %.2f msg/s per user = %,.0f msg/s (%,.0f deliveries/s)%n",
                    rooms, roomSize, ratePerUser, rate, rate * roomSize);
            List<ClientFleet.Member> members = Workloads.joinAll(fleet, common.namePrefix(), placement, System.out);
            var channels = Workloads.channels(members);
            StepRunner runner = new StepRunner(fleet, common.serverProcess(), new Progress(System.out, 1000));
            StepResult step = runner.run(channels, 1, rate, warmupSeconds, seconds, roomSize, common.payload);
            System.out.println();
            Workloads.stepTable(List.of(step), Long.MAX_VALUE, 0.95).print(System.out);
            System.out.printf("p90 %s ms, p99.9 %s ms%n", LatencySummary.millis(step.latency().p90()),
                    LatencySummary.millis(step.latency().p999()));
            Map<String, Object> run = common.runHeader("rooms", fleet);
            run.put("rooms", rooms);
            run.put("room_size", roomSize);
            run.put("rate_per_user", ratePerUser);
            run.put("result", step.toMap());
            ResultsFile.append(common.results, run);
            System.out.println("appended to " + common.results);
        }
        return 0;
    }
}
