package io.streamline.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test classpath in a separate JVM, the way a user would run the engine. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args}; its output goes to {@code log}. */
    public static Process start(Class<?> mainClass, Path log, String... args) throws IOException {
        return start(mainClass, log, List.of(), args);
    }

    /** Starts {@code mainClass} with extra JVM options ({@code -Dname=value}) and {@code args}. */
    public static Process start(Class<?> mainClass, Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + System.getProperty("streamline.module.flags"));
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
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

    /** Waits for {@code condition}; on timeout the failure shows the end of the child's log. */
    public static void awaitOrShowLog(String what, Duration timeout, BooleanSupplier condition, Path log) {
        try {
            Await.until(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- end of child log " + log + " ---\n" + tail(log), e);
        }
    }

    /** The last lines of a child's log, for failure messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }
}
