package io.streamline.engine.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamline.journal.JournalWarmUp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pays the libraries' one-time costs on a background thread when the first engine is created, so that they
 * overlap with the application's pipeline definition and the query's first records instead of following
 * them: Chronicle's initialisation (~0.4 s here), which a new checkpoint's journals and every restart need, and
 * Jackson's (~0.1 s), which the first progress report needs (bench/README.md, "Start-up").
 */
public final class WarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private WarmUp() {
    }

    /** Starts the warm-up once per JVM; later calls do nothing. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread warmUp = new Thread(WarmUp::run, "streamline-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void run() {
        JournalWarmUp.run();
        try {
            new ObjectMapper().writeValueAsString(Map.of("warm", "up"));
        } catch (Exception | LinkageError e) {
            // Not lost: the first progress report fails with the same error where it can be reported.
        }
    }
}
