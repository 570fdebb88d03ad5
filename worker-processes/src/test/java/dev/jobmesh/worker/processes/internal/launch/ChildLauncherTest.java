package dev.jobmesh.worker.processes.internal.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ChildLauncherTest {

    @TempDir
    Path temp;

    @Test
    void plainClasspathLaunchesFromTheSameEntries() throws IOException {
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path lib = jar(temp.resolve("lib.jar"), Map.of(), Map.of("a/A.class", "x"));

        ChildLauncher launcher = ChildLauncher.forClasspath(classes + java.io.File.pathSeparator + lib, temp.resolve("work"));

        assertThat(launcher).isInstanceOf(ClasspathLauncher.class);
        assertThat(launcher.classpath()).containsExactly(classes, lib);
    }

    @Test
    void manifestOnlyJarIsExpandedIntoTheEntriesItNames() throws IOException {
        Path classes = Files.createDirectories(temp.resolve("target/classes"));
        Path lib = jar(temp.resolve("repo/lib.jar"), Map.of(), Map.of("a/A.class", "x"));
        Path booter = jar(temp.resolve("booter.jar"),
                Map.of(Attributes.Name.CLASS_PATH.toString(), classes.toUri() + " " + lib.toUri()), Map.of());

        List<Path> classpath = ChildLauncher.forClasspath(booter.toString(), temp.resolve("work")).classpath();

        assertThat(classpath).containsExactly(booter, classes, lib);
    }

    @Test
    void execJarIsExtractedOnceIntoAPlainClasspathInItsIndexOrder() throws IOException {
        Path first = jar(temp.resolve("first.jar"), Map.of(), Map.of("f/F.class", "f"));
        Path second = jar(temp.resolve("second.jar"), Map.of(), Map.of("s/S.class", "s"));
        Path exec = jar(temp.resolve("app-exec.jar"), Map.of(ExecJarLauncher.CLASSES_ATTRIBUTE, "BOOT-INF/classes/"),
                Map.of("BOOT-INF/classes/app/Main.class", "main",
                        "BOOT-INF/lib/second.jar", Files.readString(second, StandardCharsets.ISO_8859_1),
                        "BOOT-INF/lib/first.jar", Files.readString(first, StandardCharsets.ISO_8859_1),
                        "BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/second.jar\"\n- \"BOOT-INF/lib/first.jar\"\n"));

        ChildLauncher launcher = ChildLauncher.forClasspath(exec.toString(), temp.resolve("work"));
        List<Path> classpath = launcher.classpath();

        assertThat(launcher).isInstanceOf(ExecJarLauncher.class);
        assertThat(classpath).extracting(p -> p.getFileName().toString())
                .containsExactly("classes.jar", "second.jar", "first.jar");
        try (JarFile classes = new JarFile(classpath.getFirst().toFile())) {
            assertThat(classes.getEntry("app/Main.class")).isNotNull();
        }
        assertThat(Files.readAllBytes(classpath.get(2))).isEqualTo(Files.readAllBytes(first));
        // A second supervisor of the same jar finds the extraction done.
        assertThat(ChildLauncher.forClasspath(exec.toString(), temp.resolve("work")).classpath()).isEqualTo(classpath);
        try (var work = Files.list(temp.resolve("work"))) {
            // one extraction, beside the directory's own bookkeeping (its lock file and use marks)
            assertThat(work.filter(p -> !p.getFileName().toString().startsWith("."))).hasSize(1);
        }
    }

    private static Path jar(Path path, Map<String, String> attributes, Map<String, String> entries) throws IOException {
        Files.createDirectories(path.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (var entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.ISO_8859_1));
                jar.closeEntry();
            }
        }
        return path;
    }
}
