package io.streamline.operators.dstream;

/**
 * A completed batch, as Spark's {@code BatchInfo}: its time, the records its inputs received and how long it took
 * from its start to its commit.
 *
 * @param batchTime         the batch's time
 * @param numRecords        records received by all input DStreams in the batch
 * @param processingDelayMs the batch's processing time, to its commit, in milliseconds
 */
public record BatchInfo(Time batchTime, long numRecords, long processingDelayMs) {
}
