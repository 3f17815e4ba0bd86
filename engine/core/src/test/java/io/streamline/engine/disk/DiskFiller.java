package io.streamline.engine.disk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fills a file system with one file until the file system reports that no space is left. */
final class DiskFiller {
    private static final String NO_SPACE = "No space left on device";

    private DiskFiller() {
    }

    /** Writes {@code file} until the disk is full; returns about how many bytes it holds. */
    static long fill(Path file) throws IOException {
        byte[] block = new byte[64 << 10];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            if (!NO_SPACE.equals(e.getMessage())) {
                throw e;
            }
        }
        return written;
    }

    /** Writes {@code file} with {@code bytes}: space to give back later by deleting it. */
    static void write(Path file, int bytes) throws IOException {
        Files.write(file, new byte[bytes]);
    }
}
