package io.streamline.operators.dstream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * {@code saveAsTextFiles(prefix, suffix)}: every batch in a directory {@code prefix-TIME_IN_MS[.suffix]} holding
 * {@code part-00000} (one element per line, as {@code toString}) and {@code _SUCCESS}, as Spark writes them. The
 * directory is written under a temporary name beside it, forced to disk and renamed into place, so it appears
 * complete or not at all; a batch re-run after a crash whose directory already exists leaves it as it is (the
 * re-run computes the same batch from the same checkpointed state and offsets), so each batch is saved exactly once.
 */
final class SaveAsTextFilesOutput<T> implements OutputOperation<T> {
    private final String prefix;
    private final String suffix;

    SaveAsTextFilesOutput(String prefix, String suffix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("saveAsTextFiles: the prefix must name a path, e.g. \"/data/out/counts\"");
        }
        this.prefix = prefix;
        this.suffix = suffix == null ? "" : suffix;
    }

    /** The directory of the batch at {@code time}, as Spark names it. */
    static Path directoryFor(String prefix, String suffix, Time time) {
        return Path.of(prefix + "-" + time.milliseconds() + (suffix == null || suffix.isEmpty() ? "" : "." + suffix));
    }

    @Override
    public String describe() {
        return "saveAsTextFiles(" + prefix + "," + suffix + ")";
    }

    @Override
    public void run(List<T> batch, Time time) throws IOException {
        Path target = directoryFor(prefix, suffix, time).toAbsolutePath();
        if (Files.isDirectory(target)) {
            return;
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(temp);
        Path part = temp.resolve("part-00000");
        try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            for (T element : batch) {
                out.write(String.valueOf(element));
                out.write('\n');
            }
        }
        Files.createFile(temp.resolve("_SUCCESS"));
        FileSync.force(part);
        FileSync.force(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        FileSync.force(parent);
    }
}
