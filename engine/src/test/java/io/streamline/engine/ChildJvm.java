package io.streamline.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test classpath in a separate JVM, the way a user would run the engine. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args}; its output goes to {@code log}. */
    public static Process start(Class<?> mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + System.getProperty("streamline.module.flags"));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Kills {@code process} with SIGKILL (no shutdown hooks run) and waits for it to die. */
    public static void killHard(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux: the JVM gets no chance to clean up
        process.waitFor();
    }

    /** The file's path as the child sees it. */
    public static String path(File file) {
        return file.getAbsolutePath();
    }
}
