package io.streamline.engine.exec;

import io.streamline.engine.runtime.ChainEmitter;
import io.streamline.engine.source.SourceReader;

/**
 * One source partition of a planned query and the head of the fused chain its records enter.
 *
 * @param key        identifies the partition in offset and commit records
 * @param reader     the open reader, positioned at the committed offset
 * @param emitter    feeds its records and markers into the chain
 * @param chain      the fused operators after it, for {@code explain()}
 * @param batchLimit its share of the source's {@code maxRecordsPerTrigger}
 */
record SourcePartition(String key, SourceReader<Object> reader, ChainEmitter emitter, String chain, long batchLimit) {
}
