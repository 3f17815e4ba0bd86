package io.streamline.engine;

import io.streamline.engine.sink.ForeachWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

/**
 * A test {@link ForeachWriter} that appends one line per row to a file, epoch by epoch: opened at each epoch and
 * closed (so flushed) before the epoch is acknowledged, which makes the file what a crash test or contract reads back.
 */
public final class LineAppendingWriter<T> implements ForeachWriter<T> {
    private final Path file;
    private final Function<? super T, String> line;
    private BufferedWriter out;

    /** Appends {@code line.apply(row)} and a newline for every row. */
    public LineAppendingWriter(Path file, Function<? super T, String> line) {
        this.file = file;
        this.line = line;
    }

    @Override
    public boolean open(long partitionId, long epochId) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, CREATE, APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public void process(T row) {
        try {
            out.write(line.apply(row));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close(Throwable error) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
