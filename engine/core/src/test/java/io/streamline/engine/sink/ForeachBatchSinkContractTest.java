package io.streamline.engine.sink;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;
import io.streamline.engine.source.MemoryStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sink contract for {@code foreachBatch}, with the idempotent function Spark recommends: each batch replaces
 * the file named by its id, so a re-run batch overwrites what it wrote before.
 */
class ForeachBatchSinkContractTest extends SinkContract {
    @Override
    protected String format() {
        return null;
    }

    @Override
    protected StreamSink<String> sink(Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("batches"));
        return new ForeachBatchSink<String>((rows, epochId) -> {
            Path staged = out.resolve(".staging-" + epochId);
            Files.write(staged, rows, StandardCharsets.UTF_8);
            Files.move(staged, out.resolve("batch-" + epochId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });
    }

    @Override
    protected List<Long> readBack(Path dir) throws Exception {
        List<Long> keys = new ArrayList<>();
        Path out = dir.resolve("batches");
        if (!Files.isDirectory(out)) {
            return keys;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path batch : files.filter(p -> p.getFileName().toString().startsWith("batch-")).toList()) {
                for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
                    keys.add(Long.parseLong(line));
                }
            }
        }
        return keys;
    }

    /**
     * Micro-batch: a re-run batch has the same id and the same rows, and overwrites its file. Continuous: a
     * replayed epoch keeps its id but may hold other rows, and the function is called only for epochs with rows,
     * so a file of an epoch that was never committed can outlive the replay (as Spark, which has no foreachBatch
     * in continuous mode, does not promise either).
     */
    @Override
    protected Delivery delivery(boolean microBatch) {
        return microBatch ? Delivery.EXACTLY_ONCE : Delivery.AT_LEAST_ONCE;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        StreamEngine engine = StreamEngine.create();
        return List.of(
                new BadOption("path", "takes no options, only checkpointLocation", () -> engine.readStream(new MemoryStream<String>("m"))
                        .writeStream().foreachBatch((rows, id) -> { }).option("path", "/tmp").start()),
                new BadOption("foreachBatch", "ForeachBatchFunction", () -> engine.readStream(new MemoryStream<String>("m"))
                        .writeStream().foreachBatch(null)));
    }
}
