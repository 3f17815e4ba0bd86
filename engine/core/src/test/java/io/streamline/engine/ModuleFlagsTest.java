package io.streamline.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module flags reach users: they ship in the engine jar, come out of it with one command, work from there and
 * as manifest entries of a runnable jar; a JVM without them fails at {@code StreamEngine.create()} with one
 * message naming them. Each case runs in a child JVM started as a user would start it.
 */
class ModuleFlagsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    @Test
    void shouldShipTheProjectsModuleFlagsFileInTheEngineJar() throws IOException {
        List<String> source = Files.readAllLines(Path.of(System.getProperty("streamline.module.flags"))).stream()
                .map(String::trim).filter(l -> !l.isEmpty()).toList();
        assertThat(ModuleFlags.lines()).isEqualTo(source).contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
        assertThat(ModuleFlags.manifestAttributes())
                .startsWith("Add-Opens: java.base/java.lang.reflect java.base/java.lang ")
                .contains("\nAdd-Exports: java.base/jdk.internal.ref ").contains(" jdk.unsupported/sun.misc\n");
    }

    @Test
    void shouldFailAtCreateWithOneMessageNamingTheMissingFlagsAndWhereTheyAre() throws Exception {
        String output = run(List.of("-cp", CLASS_PATH, ModuleFlagsChild.class.getName()), "no-flags.log");

        assertThat(output).contains(ModuleFlagsChild.FAILED + "java.lang.IllegalStateException: The JVM was started"
                        + " without the module flags the engine needs")
                .contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
                .contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
                .contains("tuning/jvm/module.flags").contains("the resource jvm/module.flags")
                .doesNotContain("ExceptionInInitializerError").doesNotContain(ModuleFlagsChild.ROWS);
    }

    @Test
    void shouldRunWithTheFlagsPrintedFromTheJar() throws Exception {
        Path flags = dir.resolve("module.flags");
        run(List.of("-cp", CLASS_PATH, ModuleFlags.class.getName()), flags.getFileName().toString());
        assertThat(Files.readAllLines(flags)).isEqualTo(ModuleFlags.lines());

        String output = run(List.of("@" + flags, "-cp", CLASS_PATH, ModuleFlagsChild.class.getName()), "with-flags.log");
        assertThat(output).contains(ModuleFlagsChild.ROWS + "{a=2, b=1}").doesNotContain(ModuleFlagsChild.FAILED);
    }

    @Test
    void shouldRunFromAJarWhoseManifestCarriesTheOpensAndExports() throws Exception {
        Path jar = dir.resolve("app.jar");
        List<String> classPath = new ArrayList<>();
        for (String entry : CLASS_PATH.split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toString()); // a directory's URI ends with '/', as Class-Path needs
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, ModuleFlagsChild.class.getName());
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        ModuleFlags.manifestAttributes().lines().map(l -> l.split(": ", 2)).forEach(a -> main.putValue(a[0], a[1]));
        try (JarOutputStream ignored = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            // the manifest is the whole jar: the classes come from its Class-Path
        }

        String output = run(List.of("-jar", jar.toString()), "jar.log");
        assertThat(output).contains(ModuleFlagsChild.ROWS + "{a=2, b=1}").doesNotContain(ModuleFlagsChild.FAILED);
    }

    private String run(List<String> javaArguments, String logName) throws Exception {
        try (ChildJvm child = ChildJvm.startJava(javaArguments, dir.resolve(logName))) {
            child.await("the child exits", DEADLINE, () -> !child.isAlive());
            assertThat(child.exitValue()).as(child.output()).isZero();
            return child.output();
        }
    }
}
