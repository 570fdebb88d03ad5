package dev.jobmesh.worker.processes.internal.supervisor;

/** A child's exit code in words for logs and job errors: a signal, out of memory, or a plain code. */
public record ExitStatus(int code) {

    /** What {@code -XX:+ExitOnOutOfMemoryError} exits with. */
    public static final int OUT_OF_MEMORY = 3;

    public String describe() {
        if (code > 128 && code < 128 + 32) {
            int signal = code - 128;
            return "was killed by signal " + signal + signalName(signal);
        }
        if (code == OUT_OF_MEMORY) {
            return "exited with code 3 (out of memory)";
        }
        return "exited with code " + code;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT, a JVM crash)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
