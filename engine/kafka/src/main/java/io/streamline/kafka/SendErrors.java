package io.streamline.kafka;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The send callback of one sink partition's producer, one instance for all its records: it keeps the first failed
 * send, which the writer rethrows at its next record and the committer before the epoch's commit record, so a
 * record the brokers refused fails the query instead of vanishing.
 */
final class SendErrors implements Callback {
    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            first.compareAndSet(null, exception);
        }
    }

    /** Fails if any send failed so far. */
    void check() {
        Exception e = first.get();
        if (e != null) {
            throw new IllegalStateException("The kafka sink could not write a record: " + e.getMessage(), e);
        }
    }
}
