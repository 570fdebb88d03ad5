package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start-up archive recorded once by a training child and then mapped by every child: classes already
 * parsed, verified (and with an AOT cache, linked and profiled), so a child skips most of its class loading.
 * The archive is named by a fingerprint of the JDK, options and classpath, so any change records a new one.
 * Archives take classes from jars only, so classpath directories are packed into jars first.
 */
public final class TrainedArchive implements StartupArchive {

    /** How an archive is recorded and used: the JVM flags differ, the procedure does not. */
    public enum Format {
        /** JDK 24+ AOT cache (JEP 483, one-step recording from JDK 25, JEP 514). */
        AOT_CACHE("-XX:AOTCacheOutput=", "-XX:AOTCache=", ".aot"),
        /** JDK 19+ dynamic AppCDS archive (JEP 350). */
        DYNAMIC_CDS("-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", ".jsa");

        private final String recordFlag;
        private final String useFlag;
        private final String extension;

        Format(String recordFlag, String useFlag, String extension) {
            this.recordFlag = recordFlag;
            this.useFlag = useFlag;
            this.extension = extension;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TrainedArchive.class);

    private final Format format;
    private final WorkDirectory work;
    private final ArchiveTraining training = new ArchiveTraining();

    public TrainedArchive(Format format, Path workDirectory) {
        this.format = format;
        this.work = new WorkDirectory(workDirectory);
    }

    @Override
    public ChildCommand prepare(ChildCommand base) {
        try {
            ChildCommand command = base.withClasspath(jarsOnly(base.classpath()));
            Fingerprint key = new Fingerprint().add(format.name()).add(command.java())
                    .add(System.getProperty("java.vm.version", "")).add(String.join(" ", command.options()));
            command.classpath().forEach(key::addFile);
            String name = "child-" + key.hex() + format.extension;
            boolean existed = Files.exists(work.root().resolve(name));
            long began = System.nanoTime();
            Path archive = work.entry(name, into -> record(command, into));
            if (!existed) {
                log.info("Recorded the children's start-up archive {} in {} ms", archive,
                        (System.nanoTime() - began) / 1_000_000);
            }
            return command.withOptions(List.of(format.useFlag + archive));
        } catch (IOException | RuntimeException e) {
            log.warn("No start-up archive ({}); children start without one, more slowly", e.getMessage());
            return base;
        }
    }

    private void record(ChildCommand command, Path into) throws IOException {
        try {
            training.run(command.withOptions(List.of(format.recordFlag + into)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while recording", e);
        } finally {
            Files.deleteIfExists(Path.of(into + ".config"));
        }
        if (!Files.isRegularFile(into)) {
            throw new IOException("the training child exited but wrote no archive to " + into);
        }
    }

    private List<Path> jarsOnly(List<Path> classpath) throws IOException {
        List<Path> jars = new ArrayList<>(classpath.size());
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                String name = "classes-" + new Fingerprint().addFile(entry).hex() + ".jar";
                jars.add(work.entry(name, into -> DirectoryJar.write(entry, into)));
            } else if (Files.isRegularFile(entry)) {
                jars.add(entry);
            }
        }
        return jars;
    }
}
