package org.nettychat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's process as seen in {@code /proc}: resident memory and CPU time. Absent (every read NaN or -1) when no
 * pid was given.
 */
final class ServerProcess {

    /** Linux reports CPU times in clock ticks of 1/100 s on every common platform. */
    static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    boolean known() {
        return pid > 0;
    }

    long pid() {
        return pid;
    }

    /** User plus system CPU seconds the server has used, or NaN when unknown. */
    double cpuSeconds() {
        if (!known()) {
            return Double.NaN;
        }
        try {
            return cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in bytes, or -1 when unknown. */
    long rssBytes() {
        if (!known()) {
            return -1;
        }
        try {
            return rssBytesOf(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Asks the server JVM for a full GC ({@code jcmd PID GC.run}), so heap garbage does not count as memory held. */
    boolean gc() {
        if (!known()) {
            return false;
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return jcmd.waitFor(30, TimeUnit.SECONDS) && jcmd.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line, in seconds. */
    static double cpuSecondsOf(String stat) {
        // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /** The {@code VmRSS} of {@code /proc/PID/status} lines, in bytes, or -1. */
    static long rssBytesOf(List<String> status) {
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }
}
