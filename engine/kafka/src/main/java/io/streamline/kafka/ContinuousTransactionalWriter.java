package io.streamline.kafka;

import io.streamline.engine.operator.RecordMeta;
import io.streamline.engine.sink.EpochOutput;
import io.streamline.engine.sink.SinkWriter;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A sink partition in continuous mode: each epoch's records in one Kafka transaction, sent as they come (so a
 * {@code read_uncommitted} reader sees them as soon as before), committed by the engine's committer thread in
 * {@link EpochOutput#persist()}, before the epoch's commit record, together with the epoch id ({@link EpochTransactions}).
 *
 * <h2>Why this is exactly once</h2>
 * The committer appends an epoch's boundaries to the epoch log before any sink makes it durable, and persists it before
 * its commit record. So after a crash:
 * <ul>
 *   <li>between the Kafka commit of epoch {@code e} and the engine's commit record of {@code e}: the restarted query
 *       replays {@code e} with its logged boundaries, so with the same records; the writer read back that Kafka
 *       committed {@code e} and drops them;</li>
 *   <li>before the Kafka commit: the transaction is still open, and {@code initTransactions()} of the restarted writer
 *       (same {@code transactional.id}) aborts it, so a {@code read_committed} reader never sees it; the replay sends
 *       the epoch's records again in a new transaction;</li>
 *   <li>during the Kafka commit: once the transaction coordinator has accepted the commit it completes it, and the
 *       restart's {@code initTransactions()} waits for that, so the epoch is one of the two cases above;</li>
 *   <li>after the engine's commit record: the epoch is not replayed.</li>
 * </ul>
 * Each sink partition decides for itself: a crash between two partitions' Kafka commits replays the epoch into the
 * one that had not committed it only. The epochs Kafka committed are a prefix of the query's epochs, because the
 * committer persists epochs one at a time in order. Whole epochs are skipped, never single records, so this holds
 * however several inputs merge in front of the sink.
 *
 * <h2>Two producers</h2>
 * A producer has one transaction at a time, and epoch {@code e}'s is committed on the committer thread some time after
 * its marker passed the sink, while epoch {@code e + 1}'s records keep coming. With one producer the task would wait at
 * {@code e + 1}'s first record for {@code e}'s commit (three broker round trips, and the wait until every other part
 * of the query acknowledged {@code e}). So epochs alternate between two producers ({@code transactional.id}s
 * {@code <id>-c0} and {@code <id>-c1}): {@code e + 1} begins on the other one at once.
 *
 * <h2>What the task thread does</h2>
 * Per record: {@code send} and a count of the records sent through that producer, as the at-least-once writer does
 * (the producer's own thread sends them). Per epoch, at its first record: {@code beginTransaction()}, which only
 * changes the producer's state, and two checks that normally find nothing to wait for. It waits if the committer
 * is more than an epoch behind (the producer of {@code e - 1} is still committing when {@code e + 1} begins), and
 * until the brokers acknowledged every record of the previous epoch still in flight (the callbacks count them; no
 * {@code flush()}, so no system call when they all are): two producers would otherwise append to a Kafka partition
 * concurrently, and a key's newer record could land before its older one, which a reader would see as a count going
 * backwards.
 */
final class ContinuousTransactionalWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ContinuousTransactionalWriter.class);
    /** How long the task parks between looks at a producer it waits for. */
    private static final long WAIT_NANOS = 50_000;

    private final EpochProducer[] producers;
    private final String topic;
    private final RecordEncoder<? super T> encoder;
    private final SendErrors errors = new SendErrors();
    /** The last epoch Kafka committed for this sink partition when the writer opened; replays up to it are dropped. */
    private final long committedInKafka;
    private long epoch;
    /** The producer whose open transaction holds this epoch's records; {@code null} before its first record. */
    private EpochProducer current;
    /** The producer of the last epoch that had records. */
    private EpochProducer previous;

    /**
     * @param transactionalId the sink partition's id, stable across restarts of the query; the producers add
     *                        {@code -c0} and {@code -c1}
     */
    ContinuousTransactionalWriter(Properties properties, String transactionalId, String topic, RecordEncoder<? super T> encoder,
                                  long firstEpoch) {
        this.producers = new EpochProducer[]{new EpochProducer(properties, transactionalId + "-c0", errors),
                new EpochProducer(properties, transactionalId + "-c1", errors)};
        this.topic = topic;
        this.encoder = encoder;
        this.epoch = firstEpoch;
        this.committedInKafka = EpochTransactions.lastCommitted(properties,
                List.of(producers[0].transactionalId, producers[1].transactionalId));
        if (committedInKafka >= firstEpoch) {
            LOG.info("Kafka committed epochs {} to {} of {} before the query's commit records did; their replay is not written"
                    + " again", firstEpoch, committedInKafka, transactionalId);
        }
    }

    @Override
    public void write(T value, RecordMeta meta) {
        if (epoch <= committedInKafka) {
            return; // a replayed epoch whose transaction committed before the crash
        }
        errors.check();
        ProducerRecord<byte[], byte[]> record = encoder.encode(value, topic);
        if (current == null) {
            current = begin(record.topic());
        }
        current.producer.send(record, current);
        current.sent++; // after send: a send that throws is not counted, one that fails through its callback is
    }

    /** Begins this epoch's transaction on the producer the previous epoch did not use. */
    private EpochProducer begin(String markerTopic) {
        EpochProducer next = previous == producers[0] ? producers[1] : producers[0];
        next.awaitCommitted();
        if (previous != null) {
            previous.awaitAcknowledged(); // its records are in the partitions' logs before any of this epoch's
        }
        next.producer.beginTransaction();
        next.markerTopic = markerTopic;
        return next;
    }

    @Override
    public EpochOutput prepare(long ended) {
        epoch = ended + 1;
        if (current == null) {
            return EpochOutput.DONE;
        }
        EpochProducer producer = current;
        current = null;
        previous = producer;
        producer.committing = true;
        return new EpochOutput() {
            @Override
            public String persist() {
                producer.commit(ended);
                errors.check();
                return "{\"transactionalId\":\"" + producer.transactionalId + "\",\"epoch\":" + ended + "}";
            }
        };
    }

    @Override
    public void close(Throwable error) {
        Duration timeout = error == null ? Duration.ofSeconds(30) : Duration.ZERO;
        for (EpochProducer p : producers) {
            p.producer.close(timeout); // an open transaction is aborted (or, after a kill, by the next initTransactions)
        }
    }

    /**
     * One of the two producers, the callback of every record it sends (counting the brokers' acknowledgements, failures
     * kept by the writer's {@link SendErrors}), and whether the committer is still committing its transaction.
     */
    private static final class EpochProducer implements Callback {
        final KafkaProducer<byte[], byte[]> producer;
        final String transactionalId;
        private final SendErrors errors;
        /** Records sent through this producer. Task thread only. */
        long sent;
        /** Records whose send completed (acknowledged or failed): the producer's I/O thread, or the task if send failed at once. */
        private final AtomicLong completed = new AtomicLong();
        /** The topic of the open transaction's first record, where its epoch marker goes. Task thread only. */
        String markerTopic;
        /** Set by the task when the epoch ends, cleared by the committer once the transaction is committed (or failed). */
        volatile boolean committing;
        /** Why the last commit failed, for the task waiting to reuse the producer. */
        volatile RuntimeException failure;

        EpochProducer(Properties properties, String transactionalId, SendErrors errors) {
            this.producer = EpochTransactions.openFencing(properties, transactionalId);
            this.transactionalId = transactionalId;
            this.errors = errors;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            errors.onCompletion(metadata, exception);
            completed.incrementAndGet();
        }

        /** On the committer thread: commits the open transaction with the marker of {@code epoch}. */
        void commit(long epoch) {
            try {
                EpochTransactions.commit(producer, transactionalId, markerTopic, epoch);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                committing = false;
            }
        }

        /**
         * On the task thread: waits until the committer has committed this producer's last transaction, which it
         * usually did long ago (it is two epochs old).
         */
        void awaitCommitted() {
            await(() -> !committing, "the commit of its transaction");
            if (failure != null) {
                throw new IllegalStateException("The kafka sink's transaction " + transactionalId + " failed to commit: "
                        + failure.getMessage(), failure);
            }
        }

        /** On the task thread: waits until every record sent through this producer is acknowledged (or failed). */
        void awaitAcknowledged() {
            await(() -> completed.get() == sent, "the brokers' acknowledgement of its records");
            errors.check();
        }

        private void await(BooleanSupplier done, String what) {
            while (!done.getAsBoolean()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("The kafka sink was stopped waiting for " + what + " (" + transactionalId + ")");
                }
                LockSupport.parkNanos(WAIT_NANOS);
            }
        }
    }
}
