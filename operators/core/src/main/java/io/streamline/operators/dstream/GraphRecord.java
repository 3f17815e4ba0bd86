package io.streamline.operators.dstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The DStream graph a checkpoint was written by, in words, in {@code <checkpoint>/dstream-graph}: a context started on
 * a checkpoint of another graph (other operations, parameters or batch interval) is refused with both descriptions,
 * before the engine refuses it with the operators' hashed names only.
 */
final class GraphRecord {
    static final String FILE = "dstream-graph";

    private GraphRecord() {
    }

    /** Fails if {@code checkpointDir} was written by another graph; records {@code description} for a new one. */
    static void checkOrRecord(String checkpointDir, String description) {
        Path file = Path.of(checkpointDir, FILE);
        try {
            if (Files.exists(file)) {
                String recorded = Files.readString(file, StandardCharsets.UTF_8);
                if (!recorded.equals(description)) {
                    throw new IllegalStateException("The checkpoint in " + checkpointDir + " was written by another DStream graph: "
                            + recorded + " in the checkpoint, " + description + " now. Define the same graph (and batch "
                            + "interval) in the creating function, or use a new checkpoint directory");
                }
                return;
            }
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(temp, description, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the DStream graph in " + file + ": " + e.getMessage(), e);
        }
    }
}
