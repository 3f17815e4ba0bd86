package io.streamline.kafka;

import io.streamline.engine.StreamEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** One in-process broker per test class, an engine and a scratch directory per test, a fresh topic name on request. */
abstract class KafkaTestSupport {
    private static final AtomicInteger TOPICS = new AtomicInteger();
    static EmbeddedKafka kafka;

    protected final StreamEngine engine = StreamEngine.create();

    @TempDir
    protected Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void stopQueries() {
        engine.close();
    }

    /** A topic name no other test of the class uses. */
    static String topic(String what) {
        return what + "-" + TOPICS.incrementAndGet();
    }
}
