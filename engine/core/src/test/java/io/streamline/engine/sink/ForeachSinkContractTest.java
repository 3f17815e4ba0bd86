package io.streamline.engine.sink;

import io.streamline.engine.LineAppendingWriter;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;
import io.streamline.engine.source.MemoryStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sink contract for {@code foreach}, with a writer that appends each epoch's rows to a file and flushes at its end. */
class ForeachSinkContractTest extends SinkContract {
    @Override
    protected String format() {
        return null;
    }

    @Override
    protected StreamSink<String> sink(Path dir) {
        return new ForeachSink<>(new LineAppendingWriter<String>(dir.resolve("foreach.txt"), String::valueOf));
    }

    @Override
    protected List<Long> readBack(Path dir) throws Exception {
        List<Long> keys = new ArrayList<>();
        Path file = dir.resolve("foreach.txt");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                keys.add(Long.parseLong(line));
            }
        }
        return keys;
    }

    /** The writer's output is flushed before the epoch commits; a replayed epoch writes its rows again. */
    @Override
    protected Delivery delivery(boolean microBatch) {
        return Delivery.AT_LEAST_ONCE;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        StreamEngine engine = StreamEngine.create();
        return List.of(
                new BadOption("numRows", "takes no options, only checkpointLocation", () -> engine.readStream(new MemoryStream<String>("m"))
                        .writeStream().foreach(new LineAppendingWriter<String>(dir.resolve("x"), String::valueOf)).option("numRows", 5).start()),
                new BadOption("foreach", "ForeachWriter", () -> engine.readStream(new MemoryStream<String>("m"))
                        .writeStream().foreach(null)));
    }
}
