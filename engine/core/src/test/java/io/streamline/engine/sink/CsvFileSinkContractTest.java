package io.streamline.engine.sink;

import io.streamline.engine.contract.BadOption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sink contract for {@code csv} files: a header line {@code value} per file, then one key per line. */
class CsvFileSinkContractTest extends FileSinkContract {
    @Override
    protected String format() {
        return "csv";
    }

    @Override
    protected Long keyOf(String line) {
        return line.equals("value") ? null : Long.parseLong(line);
    }

    @Override
    protected List<BadOption> badOptions(Path dir) throws Exception {
        List<BadOption> bad = new ArrayList<>(super.badOptions(dir));
        bad.add(new BadOption("sep", "one character", () -> make(dir, "sep", "")));
        bad.add(new BadOption("header", "true or false", () -> make(dir, "header", "1")));
        return bad;
    }
}
