package io.streamline.engine.sink;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;
import io.streamline.engine.contract.TextOutput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sink contract for the file sinks: output is the lines of the committed part files. */
abstract class FileSinkContract extends SinkContract {
    @Override
    protected Map<String, String> options(Path dir) {
        return Map.of("path", dir.resolve("out").toString());
    }

    @Override
    protected List<Long> readBack(Path dir) throws Exception {
        List<Long> keys = new ArrayList<>();
        for (String line : TextOutput.lines(dir.resolve("out"))) {
            Long key = keyOf(line);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The key a line of output holds, {@code null} for a line without one (a header). */
    protected abstract Long keyOf(String line) throws Exception;

    /** Files appear only when their epoch commits, and a replayed epoch was never visible before. */
    @Override
    protected Delivery delivery(boolean microBatch) {
        return Delivery.EXACTLY_ONCE;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        return List.of(new BadOption("path", "must name a directory", () -> make(dir, "path", file.toString())));
    }

    /** Makes the sink with one option changed. */
    protected void make(Path dir, String option, String value) {
        Map<String, String> options = new HashMap<>(options(dir));
        options.put(option, value);
        FileSink.fromOptions(format(), new Options("sink '" + format() + "'", options));
    }
}
