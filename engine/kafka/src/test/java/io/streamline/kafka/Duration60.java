package io.streamline.kafka;

import java.time.Duration;

/** Deadlines for waits that include the broker's metadata propagation and the source's partition discovery. */
final class Duration60 {
    static final Duration LONG = Duration.ofSeconds(60);

    private Duration60() {
    }
}
