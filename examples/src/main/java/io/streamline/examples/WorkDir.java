package io.streamline.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory an example works in: the one the user named with {@code --dir}, kept afterwards for a look; or a
 * new temporary one, deleted when the example ends, so that examples leave nothing behind in the temp directory.
 */
final class WorkDir implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private WorkDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code given}, or a new temporary directory named {@code prefix...}. */
    static WorkDir of(Optional<String> given, String prefix) throws IOException {
        return given.isPresent() ? new WorkDir(Files.createDirectories(Path.of(given.get())), false)
                : new WorkDir(Files.createTempDirectory(prefix), true);
    }

    Path path() {
        return path;
    }

    /** Deletes a temporary directory with everything in it; a given one stays. */
    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the example's temporary directory " + path, e);
        }
    }
}
