package io.streamline.engine.exec;

import io.streamline.engine.runtime.Downstream;
import io.streamline.engine.source.SourceReader;

/**
 * One source partition of a planned query and the head of the fused chain its records enter.
 *
 * @param key    identifies the partition in offset and commit records
 * @param reader the open reader, positioned at the committed offset
 * @param head       where its records and markers go
 * @param chain      the fused operators after it, for {@code explain()}
 * @param batchLimit its share of the source's {@code maxRecordsPerTrigger}
 */
record SourcePartition(String key, SourceReader<Object> reader, Downstream head, String chain, long batchLimit) {
}
