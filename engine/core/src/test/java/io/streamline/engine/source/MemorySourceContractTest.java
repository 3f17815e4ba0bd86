package io.streamline.engine.source;

import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.SourceContract;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The source contract for {@link MemoryStream}. Its rows live in the application, which adds them again after a
 * restart, as Spark's tests do with theirs: here the application is a thread that adds the lines of a file, in
 * order, as the file grows, so the test JVM can feed a query running in a child JVM.
 */
class MemorySourceContractTest extends SourceContract<String> {
    private static final String INPUT = "memory-input.txt";

    @Override
    protected String format() {
        return null;
    }

    @Override
    protected MemoryStream<String> source(Path dir) {
        MemoryStream<String> stream = new MemoryStream<>("contract");
        Path input = dir.resolve(INPUT);
        Thread feeder = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (Files.exists(input)) {
                        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
                        if (lines.size() > stream.size()) {
                            stream.addData(lines.subList((int) stream.size(), lines.size()));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                LockSupport.parkNanos(2_000_000);
            }
        }, "memory-contract-feeder");
        feeder.setDaemon(true);
        feeder.start();
        closeAfterTest(feeder::interrupt);
        return stream;
    }

    @Override
    protected void append(Path dir, long from, long to) throws Exception {
        Path input = dir.resolve(INPUT);
        String before = Files.exists(input) ? Files.readString(input, StandardCharsets.UTF_8) : "";
        writeAtomically(input, before + LongStream.range(from, to).mapToObj(Long::toString).collect(Collectors.joining("\n", "", "\n")));
    }

    @Override
    protected long keyOf(String record) {
        return Long.parseLong(record);
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(new BadOption("maxRecordsPerTrigger", "must be positive",
                () -> new MemoryStream<String>("m").maxRecordsPerTrigger(0)));
    }
}
