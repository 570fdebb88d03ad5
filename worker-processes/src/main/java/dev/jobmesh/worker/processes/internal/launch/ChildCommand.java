package dev.jobmesh.worker.processes.internal.launch;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.jobmesh.worker.processes.internal.child.ChildMain;

/**
 * The command line of a child JVM: the java binary, JVM options, a plain classpath and {@link ChildMain}.
 *
 * @param java      the java binary, normally the supervisor's own
 * @param options   JVM options, tuning and start-up archive flags
 * @param classpath jars and directories holding ChildMain and what it needs
 */
public record ChildCommand(String java, List<String> options, List<Path> classpath) {

    /**
     * Always passed, ahead of any configured option: stdout carries frames, so the JVM's own logging and
     * warnings go to stderr; and a child out of memory exits (and is replaced) instead of limping on.
     */
    public static final List<String> REQUIRED_OPTIONS = List.of(
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-XX:+ExitOnOutOfMemoryError");

    /** Marks a process as a jobmesh child and names its supervisor, so it can be found in the process table. */
    public static final String SUPERVISOR_PROPERTY = "jobmesh.child.supervisor";

    public ChildCommand {
        options = List.copyOf(options);
        classpath = List.copyOf(classpath);
    }

    public ChildCommand withOptions(List<String> more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        return new ChildCommand(java, all, classpath);
    }

    public ChildCommand withClasspath(List<Path> entries) {
        return new ChildCommand(java, options, entries);
    }

    /** The full command line. */
    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(REQUIRED_OPTIONS);
        command.addAll(options);
        command.add("-D" + SUPERVISOR_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(ChildMain.class.getName());
        return command;
    }
}
