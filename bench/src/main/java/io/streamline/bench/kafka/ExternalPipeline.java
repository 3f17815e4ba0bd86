package io.streamline.bench.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline run by another engine in a process of its own (the peers of {@code bench/peers}): the command, followed by
 * {@code --bootstrap B --in TOPIC --out TOPIC}, runs until it is sent SIGTERM. Its output (stdout and stderr) goes to a
 * log file, whose end a failure quotes.
 */
final class ExternalPipeline implements Pipeline {
    private static final int QUOTED_LINES = 30;
    private final Process process;
    private final Path log;

    private ExternalPipeline(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} (words separated by spaces) on the topics, its output into {@code log}. */
    static ExternalPipeline start(String command, String bootstrap, String in, String out, Path log) throws IOException {
        List<String> words = new ArrayList<>(List.of(command.trim().split("\\s+")));
        words.addAll(List.of("--bootstrap", bootstrap, "--in", in, "--out", out));
        Path parent = log.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Process process = new ProcessBuilder(words).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ExternalPipeline(process, log);
    }

    @Override
    public void check() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the pipeline's process exited with status " + process.exitValue()
                    + "; the end of its log " + log + ":\n" + tail());
        }
    }

    private String tail() {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, and SIGKILL if it has not ended 30 s later. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
