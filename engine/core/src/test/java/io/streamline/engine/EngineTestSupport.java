package io.streamline.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** An engine per test, with every query stopped afterwards, and a scratch directory for checkpoints. */
public abstract class EngineTestSupport {
    protected final StreamEngine engine = StreamEngine.create();

    @TempDir
    protected Path dir;

    @AfterEach
    void stopAllQueries() {
        engine.close();
    }
}
