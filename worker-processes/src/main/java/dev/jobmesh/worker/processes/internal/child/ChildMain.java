package dev.jobmesh.worker.processes.internal.child;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;

import dev.jobmesh.worker.processes.internal.protocol.FrameCodec;
import dev.jobmesh.worker.processes.internal.protocol.FrameException;
import dev.jobmesh.worker.processes.internal.protocol.FrameWriter;

/**
 * The entry point of a child process: a plain main without Spring, so a child starts in a fraction of the
 * supervisor's time. Frames come on stdin and go out on stdout; anything else goes to stderr, which the
 * supervisor copies into its own log. The child exits when stdin ends, so it never outlives its supervisor.
 */
public final class ChildMain {

    /** Exit code when the supervisor spoke something this child does not understand. */
    public static final int EXIT_PROTOCOL_ERROR = 2;

    private ChildMain() {
    }

    public static void main(String[] args) {
        FileOutputStream frames = new FileOutputStream(FileDescriptor.out);
        // Stdout carries frames only: a stray println from any library must not corrupt them.
        System.setOut(System.err);
        FrameCodec codec = new FrameCodec();
        int code;
        try {
            code = new ChildSession(new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in))),
                    new FrameWriter(frames, codec), codec).run();
        } catch (FrameException e) {
            System.err.println("jobmesh child " + ProcessHandle.current().pid() + ": protocol error: " + e.getMessage());
            code = EXIT_PROTOCOL_ERROR;
        } catch (Exception e) {
            System.err.println("jobmesh child " + ProcessHandle.current().pid() + ": " + e);
            code = 1;
        }
        // Not halt: a JVM recording a class-data archive writes it during an orderly exit.
        System.exit(code);
    }
}
