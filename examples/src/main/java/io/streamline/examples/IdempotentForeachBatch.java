package io.streamline.examples;

import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.tuning.CommandLineOptions;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code foreachBatch} in micro-batch mode, honouring its idempotency contract: after a crash the engine
 * calls the function again for a batch whose commit record was not written, with the same batch id and the
 * same rows, so the function must make a second call for an id harmless. Here each batch is written to
 * {@code batch-<id>.txt} through a temporary file and an atomic rename, and a batch whose file exists is
 * skipped: whatever crashes when, every batch is written exactly once. Works in {@code --dir} (default: a
 * temporary directory, deleted at the end).
 */
public final class IdempotentForeachBatch {
    private IdempotentForeachBatch() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh IdempotentForeachBatch [--dir DIR]", "dir");
        Examples.announce(IdempotentForeachBatch.class);
        try (WorkDir work = WorkDir.of(a.string("dir"), "foreach-batch-")) {
            run(work.path());
        }
    }

    private static void run(Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        MemoryStream<String> words = new MemoryStream<String>("words").maxRecordsPerTrigger(4);
        words.addData("to", "be", "or", "not", "to", "be", "that", "is", "the", "question");

        StreamEngine engine = StreamEngine.create();
        StreamingQuery query = engine.readStream(words).groupByKey(w -> w).count()
                .writeStream().outputMode("update")
                .foreachBatch((List<KeyValue<String, Long>> rows, long batchId) -> {
                    Path target = out.resolve("batch-" + batchId + ".txt");
                    if (Files.exists(target)) {
                        return; // written before a crash: the rows of a batch id never change
                    }
                    Path temp = out.resolve(".batch-" + batchId + ".tmp");
                    Files.writeString(temp, rows.stream().map(kv -> kv.key() + "=" + kv.value()).collect(Collectors.joining("\n")) + "\n");
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                })
                .option("checkpointLocation", dir.resolve("checkpoint").toString())
                .trigger(Trigger.availableNow()).start();
        query.awaitTermination();

        try (var files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                System.out.println(file.getFileName() + ": " + Files.readString(file).trim().replace('\n', ' '));
            }
        }
    }
}
