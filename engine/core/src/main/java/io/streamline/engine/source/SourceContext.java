package io.streamline.engine.source;

import java.nio.file.Path;

/**
 * What a source partition learns when its query opens it: where the query keeps its checkpoint, and the key
 * that names this source partition in commit records. Sources that keep durable state of their own (a
 * write-ahead log, a log of the files they took) put it under {@link #dirFor}.
 *
 * @param sourceKey          the source partition's key in commit records, e.g. {@code "0-socket/0"}
 * @param checkpointLocation the query's checkpoint directory (a temporary one if the user set none)
 */
public record SourceContext(String sourceKey, Path checkpointLocation) {

    /**
     * The directory {@code <checkpointLocation>/<kind>/<sourceKey>} for this partition's own journal, with the
     * key's {@code '/'} turned into {@code '-'} so one partition is one directory, e.g. {@code wal/0-socket-0}.
     *
     * @param kind e.g. {@code "wal"} or {@code "sources"}
     */
    public Path dirFor(String kind) {
        return checkpointLocation.resolve(kind).resolve(sourceKey.replace('/', '-'));
    }
}
