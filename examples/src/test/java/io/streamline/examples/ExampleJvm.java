package io.streamline.examples;

import io.streamline.engine.ChildJvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs an example as the README says, in a JVM of its own with a temp directory of its own under {@code dir}. */
final class ExampleJvm {
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    private ExampleJvm() {
    }

    /** The example's output, once it stopped by itself with status 0 and left its temp directory empty. */
    static String run(Path dir, Class<?> example, String... args) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp-" + example.getSimpleName()));
        try (ChildJvm child = ChildJvm.start(example, dir.resolve(example.getSimpleName() + ".log"),
                List.of("-Djava.io.tmpdir=" + tmp), args)) {
            child.await(example.getSimpleName() + " ends by itself", DEADLINE, () -> !child.isAlive());
            assertThat(child.exitValue()).as(child.output()).isZero();
            assertThat(tmp).as("what " + example.getSimpleName() + " left in its temp directory").isEmptyDirectory();
            return child.output();
        }
    }
}
