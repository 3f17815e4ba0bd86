package io.streamline.engine.sink;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sink contract for {@code console}, printing to a file: the output is the tables' rows. */
class ConsoleSinkContractTest extends SinkContract {
    @Override
    protected String format() {
        return "console";
    }

    @Override
    protected StreamSink<String> sink(Path dir) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(dir.resolve("console.txt").toFile(), true), true, StandardCharsets.UTF_8);
        ConsoleSink console = new ConsoleSink(Integer.MAX_VALUE, false, false, out);
        @SuppressWarnings({"unchecked", "rawtypes"})
        StreamSink<String> sink = (StreamSink) console;
        return sink;
    }

    @Override
    protected List<Long> readBack(Path dir) throws Exception {
        List<Long> keys = new ArrayList<>();
        Path printed = dir.resolve("console.txt");
        if (!Files.exists(printed)) {
            return keys;
        }
        for (String line : Files.readAllLines(printed, StandardCharsets.UTF_8)) {
            if (line.startsWith("|") && line.endsWith("|")) {
                String cell = line.substring(1, line.length() - 1).trim();
                if (!cell.equals("value")) {
                    keys.add(Long.parseLong(cell));
                }
            }
        }
        return keys;
    }

    /** An epoch's table is printed at its marker; a replayed epoch is printed again. */
    @Override
    protected Delivery delivery(boolean microBatch) {
        return Delivery.AT_LEAST_ONCE;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(
                new BadOption("numRows", "positive whole number", () -> make("numRows", "all")),
                new BadOption("truncate", "true or false", () -> make("truncate", "maybe")));
    }

    private static void make(String option, String value) {
        ConsoleSink.fromOptions(new Options("sink 'console'", Map.of(option, value)));
    }
}
