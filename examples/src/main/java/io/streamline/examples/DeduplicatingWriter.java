package io.streamline.examples;

import io.streamline.engine.operator.RecordPosition;
import io.streamline.engine.sink.ForeachWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * A {@link ForeachWriter} that writes every row exactly once in continuous mode, row by row, by deduplicating on the
 * row's {@link RecordPosition}: each row is appended to {@code part-<partition>.tsv} as {@code <sequence> TAB <row>},
 * so the file itself says which position it holds last. When the writer starts (after a crash, too) it reads that
 * last position back, cutting off a line a crash tore, and from then on skips every row at or before it: the rows the
 * engine replays after a crash (the epochs it logged, and the epoch that was in flight, read again from the same
 * offsets in the same order) are dropped until the first row the file does not have.
 *
 * <p>Rows are buffered and flushed at the end of each epoch ({@link #close}): rows lost from the buffer by a crash
 * have positions after the file's last one, so they are written again when replayed. Survives {@code kill -9} of the
 * process; add {@code FileChannel.force} at {@code close} to survive a power loss too.
 *
 * @param <T> the row type
 */
public final class DeduplicatingWriter<T> implements ForeachWriter<T> {
    private final Path dir;
    private final Function<T, String> format;
    private BufferedWriter out;
    /** The sequence of the last row in the file; -1 if none. */
    private long lastWritten = -1;
    private boolean recovered;

    /**
     * @param dir    where {@code part-<partition>.tsv} goes (created if missing)
     * @param format one row as a line, without a line break
     */
    public DeduplicatingWriter(Path dir, Function<T, String> format) {
        this.dir = dir;
        this.format = format;
    }

    @Override
    public boolean open(long partitionId, long epochId) {
        try {
            Path file = file(dir, partitionId);
            if (!recovered) {
                Files.createDirectories(dir);
                lastWritten = lastSequence(file);
                recovered = true;
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true; // every epoch: deduplication is per row, below
    }

    @Override
    public void process(T value) {
        throw new UnsupportedOperationException("the engine calls process(value, position)");
    }

    @Override
    public void process(T value, RecordPosition position) {
        if (position.sequence() <= lastWritten) {
            return; // written before a crash
        }
        try {
            out.write(position.sequence() + "\t" + format.apply(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastWritten = position.sequence();
    }

    @Override
    public void close(Throwable error) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of sink partition {@code partition} under {@code dir}. */
    public static Path file(Path dir, long partition) {
        return dir.resolve("part-" + partition + ".tsv");
    }

    /** Cuts a torn last line off {@code file} and returns the sequence of its last row, -1 if it has none. */
    static long lastSequence(Path file) throws IOException {
        if (!Files.exists(file)) {
            return -1;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long end = f.length();
            while (end > 0) {
                f.seek(end - 1);
                if (f.read() == '\n') {
                    break;
                }
                end--;
            }
            f.setLength(end); // a crash in the middle of a line leaves its start: the row is written again
            if (end == 0) {
                return -1;
            }
            long start = end - 1;
            while (start > 0) {
                f.seek(start - 1);
                if (f.read() == '\n') {
                    break;
                }
                start--;
            }
            byte[] line = new byte[(int) (end - 1 - start)];
            f.seek(start);
            f.readFully(line);
            String text = new String(line, StandardCharsets.UTF_8);
            return Long.parseLong(text.substring(0, text.indexOf('\t')));
        }
    }
}
