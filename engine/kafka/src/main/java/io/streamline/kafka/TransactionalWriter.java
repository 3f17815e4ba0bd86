package io.streamline.kafka;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.sink.EpochOutput;
import io.streamline.engine.sink.SinkWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A sink partition in micro-batch mode: each batch's records in one Kafka transaction of a producer whose
 * {@code transactional.id} stays the same across restarts of the query.
 *
 * <p>The transaction commits on the engine's committer thread in {@link EpochOutput#persist()}, before the batch's
 * commit record, and carries the batch id with it: as the committed offset ({@code batch + 1}) of a consumer group
 * named like the transactional id, written by {@code sendOffsetsToTransaction}, which Kafka commits atomically with
 * the records ({@link EpochTransactions}). A crash between the Kafka commit and the commit record makes the engine
 * re-run the batch with the same records; the writer reads the group's offset when it opens and drops the records of
 * every batch up to it, so they are not written twice. A crash before the Kafka commit leaves an open transaction, which
 * {@code initTransactions()} of the next run aborts (fencing the dead producer), so a {@code read_committed} reader
 * never sees it.
 */
final class TransactionalWriter<T> implements SinkWriter<T> {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String transactionalId;
    private final String topic;
    private final RecordEncoder<? super T> encoder;
    private final SendErrors errors = new SendErrors();
    private final long committedInKafka;
    private long batch;
    private boolean inTransaction;
    private String markerTopic;

    TransactionalWriter(Properties properties, String transactionalId, String topic, RecordEncoder<? super T> encoder,
                        long firstBatch) {
        this.producer = EpochTransactions.openFencing(properties, transactionalId);
        this.transactionalId = transactionalId;
        this.topic = topic;
        this.encoder = encoder;
        this.batch = firstBatch;
        this.committedInKafka = EpochTransactions.lastCommitted(properties, List.of(transactionalId));
    }

    @Override
    public void write(T value, RecordMeta meta) {
        if (batch <= committedInKafka) {
            return; // a re-run batch whose transaction committed before the crash
        }
        errors.check();
        ProducerRecord<byte[], byte[]> record = encoder.encode(value, topic);
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
            markerTopic = record.topic();
        }
        producer.send(record, errors);
    }

    @Override
    public EpochOutput prepare(long epoch) {
        batch = epoch + 1;
        if (!inTransaction) {
            return EpochOutput.DONE;
        }
        inTransaction = false;
        String marker = markerTopic;
        return new EpochOutput() {
            @Override
            public String persist() {
                EpochTransactions.commit(producer, transactionalId, marker, epoch);
                errors.check();
                return "{\"transactionalId\":\"" + transactionalId + "\",\"batch\":" + epoch + "}";
            }
        };
    }

    @Override
    public void close(Throwable error) {
        producer.close(error == null ? Duration.ofSeconds(30) : Duration.ZERO);
    }
}
