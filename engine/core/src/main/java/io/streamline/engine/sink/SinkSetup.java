package io.streamline.engine.sink;

import io.streamline.engine.OutputMode;

import java.nio.file.Path;

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
}
