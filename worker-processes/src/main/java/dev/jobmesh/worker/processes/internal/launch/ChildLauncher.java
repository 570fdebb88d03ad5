package dev.jobmesh.worker.processes.internal.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import dev.jobmesh.worker.processes.internal.child.ChildMain;

/**
 * Where a child's classes come from. The supervisor runs either from a plain classpath (tests, an IDE) or from
 * the Spring Boot exec jar, whose nested jars a plain {@code java -cp} cannot read; each needs its own way to
 * give a child a classpath holding {@link ChildMain}.
 */
public interface ChildLauncher {

    /** The classpath entries a child starts with; prepares them first if needed (once). */
    List<Path> classpath() throws IOException;

    /** Picks the launcher for how this JVM was started, judged by its {@code java.class.path}. */
    static ChildLauncher forClasspath(String javaClassPath, Path workDirectory) {
        String[] entries = javaClassPath.split(File.pathSeparator);
        if (entries.length == 1 && isExecJar(Path.of(entries[0]))) {
            return new ExecJarLauncher(Path.of(entries[0]), workDirectory);
        }
        return new ClasspathLauncher(javaClassPath);
    }

    private static boolean isExecJar(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.getManifest() != null
                    && jar.getManifest().getMainAttributes().getValue(ExecJarLauncher.CLASSES_ATTRIBUTE) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
