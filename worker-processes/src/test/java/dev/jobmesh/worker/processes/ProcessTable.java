package dev.jobmesh.worker.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.jobmesh.worker.processes.internal.launch.ChildCommand;

/**
 * The machine's process table as the tests see it, read from {@code /proc} (ProcessHandle gives up on command
 * lines as long as a child's classpath): the children of a supervisor, and signals to send them.
 */
final class ProcessTable {

    private ProcessTable() {
    }

    /** Every live process started as a jobmesh child of the given supervisor pid. */
    static List<Long> childrenOf(long supervisorPid) {
        String marker = "-D" + ChildCommand.SUPERVISOR_PROPERTY + "=" + supervisorPid;
        List<Long> children = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (commandLine(process).contains(marker) && !isZombie(process)) {
                    children.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return children;
    }

    /** The command line of a process, arguments separated by spaces. */
    static String commandLine(long pid) {
        return String.join(" ", commandLine(Path.of("/proc", Long.toString(pid))));
    }

    private static List<String> commandLine(Path process) {
        try {
            return List.of(new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // exited meanwhile
        }
    }

    private static boolean isZombie(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends a signal with the kill command, as an operator would. */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
