package io.streamline.engine.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running a test main class on the test class path with the engine's JVM flags, its output in a
 * file. {@link #kill()} is {@code Process.destroyForcibly()}: SIGKILL on Linux, the kill -9 of the crash tests.
 */
final class ForkedJvm {
    private final Process process;
    private final Path log;

    private ForkedJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ForkedJvm start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java",
                "@" + System.getProperty("streamline.module.flags"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ForkedJvm(p, log);
    }

    /** Waits until the child printed {@code marker}; fails with its output if it died or took too long. */
    void awaitOutput(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(marker)) {
            if (!process.isAlive()) {
                throw new AssertionError("the child JVM exited with " + process.exitValue() + " before printing "
                        + marker + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child JVM did not print " + marker + " within " + timeout + ":\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** Fails with the child's output unless it is still running. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the child JVM exited with " + process.exitValue() + ":\n" + output());
        }
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() throws InterruptedException {
        assertAlive();
        process.destroyForcibly();
        process.waitFor();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
