package dev.jobmesh.worker.processes.internal.launch;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Children run from the supervisor's own classpath. A manifest-only jar (as surefire and IDEs use for long
 * classpaths) is expanded into the entries its {@code Class-Path} names, so the child's classpath lists them
 * all, which a start-up archive needs.
 */
public final class ClasspathLauncher implements ChildLauncher {

    private final String javaClassPath;

    public ClasspathLauncher(String javaClassPath) {
        this.javaClassPath = javaClassPath;
    }

    @Override
    public List<Path> classpath() throws IOException {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry).toAbsolutePath();
                entries.add(path);
                entries.addAll(manifestClassPath(path));
            }
        }
        return List.copyOf(entries);
    }

    private static List<Path> manifestClassPath(Path jar) throws IOException {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        String classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        if (classPath == null || classPath.isBlank()) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        URI base = jar.toUri();
        for (String url : classPath.trim().split("\\s+")) {
            try {
                Path entry = Path.of(base.resolve(new URI(url)));
                if (Files.exists(entry)) {
                    entries.add(entry);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("cannot read Class-Path entry '" + url + "' of " + jar, e);
            }
        }
        return entries;
    }
}
