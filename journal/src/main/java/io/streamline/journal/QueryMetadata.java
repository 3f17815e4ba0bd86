package io.streamline.journal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The identity of the query that owns a checkpoint location, stored in {@code <checkpointLocation>/metadata}.
 *
 * @param queryId       random id given to the query when its checkpoint was created; survives restarts
 * @param createdMillis when the checkpoint location was first used
 * @param engineVersion version of the engine that created it
 * @param fingerprint   identifies the pipeline; a different one must not resume this checkpoint
 * @param pipeline      the pipeline's shape in words, aspect by aspect (e.g. {@code sink -> memory}), so that a
 *                      refusal can say what differs; empty in metadata written before it was recorded
 */
public record QueryMetadata(String queryId, long createdMillis, String engineVersion, String fingerprint,
                            Map<String, String> pipeline) {

    /** Name of the metadata file inside the checkpoint location. */
    public static final String FILE_NAME = "metadata";

    private static final String QUERY_ID = "queryId";
    private static final String CREATED_MILLIS = "createdMillis";
    private static final String ENGINE_VERSION = "engineVersion";
    private static final String FINGERPRINT = "fingerprint";
    private static final String PIPELINE_PREFIX = "pipeline.";

    /** Rejects missing fields, which would make the file unreadable later. */
    public QueryMetadata {
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(fingerprint, "fingerprint");
        pipeline = Collections.unmodifiableMap(new LinkedHashMap<>(pipeline));
    }

    /**
     * {@link #openOrCreate(Path, String, Map, String)} without a description of the pipeline: a refusal can then
     * only say that the fingerprints differ.
     */
    public static QueryMetadata openOrCreate(Path checkpointLocation, String fingerprint, String engineVersion) {
        return openOrCreate(checkpointLocation, fingerprint, Map.of(), engineVersion);
    }

    /**
     * Reads the metadata of an existing checkpoint location, or creates it for a new one.
     *
     * <p>If the file exists it is read, and a different fingerprint is refused. If it is absent, the directories
     * are created and a new metadata file with a random UUID query id is written atomically, so that a crash never
     * leaves a half-written file behind.
     *
     * @param checkpointLocation the checkpoint directory
     * @param fingerprint        fingerprint of the pipeline that wants to use the location
     * @param pipeline           that pipeline's shape, aspect by aspect, recorded if the file is created and
     *                           compared with the recorded one when the fingerprints differ
     * @param engineVersion      version recorded if the file is created
     * @return the stored or newly created metadata
     * @throws CheckpointMismatchException if the location belongs to a pipeline with another fingerprint, naming
     *                                     the aspects that differ as far as the stored metadata tells
     * @throws UncheckedIOException        if the file cannot be read or written
     */
    public static QueryMetadata openOrCreate(Path checkpointLocation, String fingerprint, Map<String, String> pipeline,
                                             String engineVersion) {
        Path file = checkpointLocation.resolve(FILE_NAME);
        if (Files.exists(file)) {
            QueryMetadata stored = read(file);
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new CheckpointMismatchException(checkpointLocation, stored.fingerprint(), fingerprint,
                        stored.pipeline(), pipeline);
            }
            return stored;
        }
        QueryMetadata created = new QueryMetadata(
                UUID.randomUUID().toString(), System.currentTimeMillis(), engineVersion, fingerprint, pipeline);
        created.writeAtomically(checkpointLocation, file);
        return created;
    }

    /**
     * The metadata of {@code checkpointLocation} if it has some, without creating it: for a part of a query (a sink)
     * that needs the query's id.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static Optional<QueryMetadata> readIfPresent(Path checkpointLocation) {
        Path file = checkpointLocation.resolve(FILE_NAME);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    private static QueryMetadata read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read checkpoint metadata " + file, e);
        }
        try {
            return new QueryMetadata(required(props, QUERY_ID, file),
                    Long.parseLong(required(props, CREATED_MILLIS, file)),
                    required(props, ENGINE_VERSION, file),
                    required(props, FINGERPRINT, file), pipelineOf(props));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Checkpoint metadata " + file + " has a malformed " + CREATED_MILLIS, e);
        }
    }

    private static Map<String, String> pipelineOf(Properties props) {
        Map<String, String> pipeline = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(PIPELINE_PREFIX)) {
                pipeline.put(key.substring(PIPELINE_PREFIX.length()), props.getProperty(key));
            }
        }
        return pipeline;
    }

    private static String required(Properties props, String key, Path file) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("Checkpoint metadata " + file + " lacks the field " + key);
        }
        return value;
    }

    private void writeAtomically(Path dir, Path file) {
        Properties props = new Properties();
        props.setProperty(QUERY_ID, queryId);
        props.setProperty(CREATED_MILLIS, Long.toString(createdMillis));
        props.setProperty(ENGINE_VERSION, engineVersion);
        props.setProperty(FINGERPRINT, fingerprint);
        pipeline.forEach((aspect, value) -> props.setProperty(PIPELINE_PREFIX + aspect, value));
        StringWriter text = new StringWriter();
        try {
            props.store(text, "streamline checkpoint metadata");
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            // Forced to disk before the rename, so that the rename can never publish an empty file after a crash.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint metadata " + file, e);
        }
    }
}
