package io.streamline.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A new directory for one run's state or checkpoint, deleted with all it holds when closed. */
public final class TempDirectory implements AutoCloseable {
    private final Path path;

    private TempDirectory(Path path) {
        this.path = path;
    }

    /** A new, empty directory under the system's temporary directory, named from {@code prefix}. */
    public static TempDirectory create(String prefix) throws IOException {
        return new TempDirectory(Files.createTempDirectory(prefix));
    }

    /** Where it is. */
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + f, e);
                }
            });
        }
    }
}
