package io.streamline.engine.sink;

import io.streamline.engine.OutputMode;
import io.streamline.journal.QueryMetadata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What a sink partition learns when its query starts.
 *
 * @param queryName          the query's name, or {@code null}
 * @param outputMode         how results are emitted
 * @param partitionId        which sink partition this is, from 0
 * @param partitions         how many sink partitions the query has (1 unless {@link StreamSink#supportsPartitions()})
 * @param firstEpoch         the epoch of the first record the sink will see (after recovery: last commit + 1)
 * @param checkpointLocation the query's checkpoint directory
 * @param exactlyOnce        micro-batch mode: an epoch id names a deterministic batch that may be re-run after a
 *                           crash, so a sink must skip (or overwrite) an epoch it already committed, and gets every
 *                           batch, empty ones too. False in continuous mode, where a replayed epoch also holds the same
 *                           records (its boundaries are logged ahead), but sinks keep their per-record behaviour and
 *                           make an epoch visible only at its commit, or deduplicate by record position
 */
public record SinkSetup(String queryName, OutputMode outputMode, int partitionId, int partitions, long firstEpoch,
                        Path checkpointLocation, boolean exactlyOnce) {
    /**
     * The query's id from its checkpoint's metadata: the same across restarts, different for another query, so a sink
     * can name what it wrote for this query (Kafka transactions, journal position markers). A location without
     * metadata (a sink driven through the SPI directly, not by a query) gives a name-based UUID of its path, stable
     * for that location too.
     */
    public String queryId() {
        return QueryMetadata.readIfPresent(checkpointLocation).map(QueryMetadata::queryId)
                .orElseGet(() -> UUID.nameUUIDFromBytes(checkpointLocation.toAbsolutePath().normalize().toString()
                        .getBytes(StandardCharsets.UTF_8)).toString());
    }
}
