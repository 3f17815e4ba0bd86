package io.streamline.engine.operator;

/**
 * Where a record stands in a sink partition's output, the same in every run of the query: a sink that writes record
 * by record (a {@code ForeachWriter}, a key-value store) can deduplicate the records of the epoch that was in flight
 * at a crash by remembering the last position it made durable and skipping anything at or before it.
 *
 * <p>{@link #sequence()} counts the records the sink partition has been given since the query's first epoch; the
 * count at each epoch's end is kept in the commit record, so after a restart the replayed records get the sequence
 * numbers they had before. It counts across epochs rather than from each epoch's start because the epoch that was in
 * flight at a crash has no logged boundary: the restarted query may close it at a different record, but the records
 * still arrive in the same order from the same committed offsets, so their sequence numbers do not move.
 *
 * <p>The order, and so the sequence, is the same in every run where the records reaching the sink come from one
 * source partition through the operators fused after it. Where several inputs merge in front of the sink (source
 * partitions before a keyed operator, a union, the instances of a parallel keyed operator in front of one sink
 * writer), the merge's interleaving can differ between runs, so within the epoch that was in flight a position can
 * name another record than before the crash, and a writer deduplicating by position could drop one of its records and
 * repeat another. Such a query should write whole epochs (skip a stored epoch id), which stay exact: the logged epochs
 * are replayed with the same records.
 *
 * <p>The instance is the engine's and is reused for the next record: read it during the call only.
 */
public interface RecordPosition {
    /** The epoch (or micro-batch) the record belongs to in this run. */
    long epoch();

    /** The sink partition the record is written to. */
    int partition();

    /** The record's number among the records given to this sink partition since the query's first epoch, from 0. */
    long sequence();
}
