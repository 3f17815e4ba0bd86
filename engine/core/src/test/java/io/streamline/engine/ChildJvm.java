package io.streamline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A test main class running in a JVM of its own, started the way a user starts the engine (the module-flags
 * argfile, the test class path), its output in a log file. {@link #kill()} sends SIGKILL: the kill -9 of the
 * crash tests, where no shutdown hook runs.
 */
public final class ChildJvm implements AutoCloseable {
    /** Children still running when the test JVM exits (a test failed before killing them) are killed then. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-child-jvms"));
    }

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args}; its output goes to {@code log}. */
    public static ChildJvm start(Class<?> mainClass, Path log, String... args) throws IOException {
        return start(mainClass, log, List.of(), args);
    }

    /** Starts {@code mainClass} with extra JVM options (e.g. {@code -Dname=value}) and {@code args}. */
    public static ChildJvm start(Class<?> mainClass, Path log, List<String> jvmOptions, String... args) throws IOException {
        return start(List.of(), mainClass, log, jvmOptions, args);
    }

    /**
     * Starts {@code mainClass} through {@code launcher}, a command that ends by running the command line that
     * follows it (e.g. {@code unshare ...} for a namespace of the child's own).
     */
    public static ChildJvm start(List<String> launcher, Class<?> mainClass, Path log, List<String> jvmOptions,
                                 String... args) throws IOException {
        List<String> java = new ArrayList<>();
        java.add("@" + System.getProperty("streamline.module.flags"));
        java.addAll(jvmOptions);
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(mainClass.getName());
        java.addAll(List.of(args));
        return startJava(launcher, java, log);
    }

    /**
     * Runs {@code java} with exactly {@code javaArguments} (and a small heap): no module flags or class path of
     * this JVM's, for tests of how the engine is launched.
     */
    public static ChildJvm startJava(List<String> javaArguments, Path log) throws IOException {
        return startJava(List.of(), javaArguments, log);
    }

    private static ChildJvm startJava(List<String> launcher, List<String> javaArguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(javaArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return new ChildJvm(process, log);
    }

    /** Waits for {@code condition}; on timeout the failure shows the end of the child's log. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        try {
            Await.until(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- end of child log " + log + " ---\n" + tail(), e);
        }
    }

    /** Waits until the child printed {@code marker}; fails with its output if it died first or took too long. */
    public void awaitOutput(String marker, Duration timeout) {
        await("the child prints " + marker, timeout, () -> {
            assertAlive();
            return output().contains(marker);
        });
    }

    /** Fails with the child's output unless it is still running. */
    public void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the child JVM exited with " + process.exitValue() + ":\n" + tail());
        }
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of a child that has ended (waits for it if needed). */
    public int exitValue() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGKILL (no shutdown hooks run), then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Ctrl-C or a service manager stops a program: shutdown hooks run. Does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** Kills the child if it still runs, so a failing test leaves no process behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Everything the child printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the child's log, for failure messages. */
    public String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
