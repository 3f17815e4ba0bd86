package io.streamline.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafka} for a whole test class, started before its first test and stopped (its storage deleted)
 * after its last: {@code @RegisterExtension static final EmbeddedKafkaPerClass KAFKA = new EmbeddedKafkaPerClass();}
 * then {@code KAFKA.broker()} in the tests.
 */
public final class EmbeddedKafkaPerClass implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
        broker = null;
    }

    /** The running broker. */
    public EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker runs only while the test class does: register this extension on a"
                    + " static field with @RegisterExtension");
        }
        return broker;
    }
}
