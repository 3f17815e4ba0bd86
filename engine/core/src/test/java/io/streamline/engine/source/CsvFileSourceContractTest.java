package io.streamline.engine.source;

import io.streamline.engine.contract.BadOption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The source contract for {@code csv} files: a header, then one row per key with a second, quoted column. */
class CsvFileSourceContractTest extends FileSourceContract<Map<String, String>> {
    @Override
    protected String format() {
        return "csv";
    }

    @Override
    protected String file(long from, long to) {
        return LongStream.range(from, to).mapToObj(k -> k + ",\"row, " + k + "\"")
                .collect(Collectors.joining("\n", "key,label\n", "\n"));
    }

    @Override
    protected long keyOf(Map<String, String> record) {
        if (!record.get("label").equals("row, " + record.get("key"))) {
            throw new AssertionError("the quoted column was split: " + record);
        }
        return Long.parseLong(record.get("key"));
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        List<BadOption> bad = new ArrayList<>(super.badOptions(dir));
        bad.add(new BadOption("sep", "one character", () -> make(dir, "sep", ";;")));
        bad.add(new BadOption("header", "true or false", () -> make(dir, "header", "yes")));
        return bad;
    }
}
