package io.streamline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The runner's usage, one file ({@code usage.txt}) that {@code bench/run.sh --help} prints without starting Java. */
public final class Usage {
    private Usage() {
    }

    /** The usage text. */
    public static String text() {
        try (InputStream in = Usage.class.getResourceAsStream("usage.txt")) {
            if (in == null) {
                throw new IllegalStateException("the bench jar lacks io/streamline/bench/usage.txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read io/streamline/bench/usage.txt", e);
        }
    }
}
