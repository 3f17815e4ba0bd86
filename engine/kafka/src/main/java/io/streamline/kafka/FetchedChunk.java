package io.streamline.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.List;

/**
 * What a {@link PartitionFetcher} hands its reader: one Kafka partition's records from one poll, or a change of
 * that partition's position without records (a partition newly assigned, records lost, a partition gone), or the
 * fetcher's failure.
 *
 * @param tp            the Kafka partition, {@code null} for a failure
 * @param records       its records in offset order (possibly none)
 * @param startPosition the fetch position before these records
 * @param nextPosition  the consumer's position after them: past the last record, and past any transaction
 *                      markers or compacted offsets that follow it
 * @param receivedNanos {@link System#nanoTime()} when the poll returned: the records' ingest time
 * @param lostRecords   records skipped because they were no longer in the log (with {@code failOnDataLoss=false})
 * @param kind          what the chunk says
 * @param failure       the fetcher's error, for {@link Kind#FAILED}
 */
record FetchedChunk(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, long startPosition, long nextPosition,
                    long receivedNanos, long lostRecords, Kind kind, RuntimeException failure) {

    /** What a chunk says about its partition. */
    enum Kind {
        /** Records (or none) read from the position the reader has. */
        RECORDS,
        /** The position moved to {@code nextPosition} without records: lost records, or a topic recreated. */
        RESET,
        /** The partition is gone (its topic deleted, with {@code failOnDataLoss=false}): drop it from the offsets. */
        REMOVED,
        /** The fetcher failed; the reader fails the query with {@code failure}. */
        FAILED
    }

    static FetchedChunk records(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, long start, long next, long nanos) {
        return new FetchedChunk(tp, records, start, next, nanos, 0, Kind.RECORDS, null);
    }

    static FetchedChunk reset(TopicPartition tp, long from, long to, long lost) {
        return new FetchedChunk(tp, List.of(), from, to, System.nanoTime(), lost, Kind.RESET, null);
    }

    static FetchedChunk removed(TopicPartition tp) {
        return new FetchedChunk(tp, List.of(), -1, -1, System.nanoTime(), 0, Kind.REMOVED, null);
    }

    static FetchedChunk failed(RuntimeException failure) {
        return new FetchedChunk(null, List.of(), -1, -1, System.nanoTime(), 0, Kind.FAILED, failure);
    }
}
