package io.streamline.engine.source;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.SourceContract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The source contract for the file sources: each {@link #append} is a new file, moved into the directory whole. */
abstract class FileSourceContract<T> extends SourceContract<T> {
    @Override
    protected Map<String, String> options(Path dir) {
        return Map.of("path", dir.resolve("in").toString(), "pollInterval", "10ms", "fileOrder", "name");
    }

    @Override
    protected void setUp(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("in"));
    }

    @Override
    protected void append(Path dir, long from, long to) throws Exception {
        writeAtomically(dir.resolve("in").resolve(String.format("f%09d.%s", from, format())), file(from, to));
    }

    /** The content of a file holding the records with keys {@code from} to {@code to - 1}. */
    protected abstract String file(long from, long to);

    /** Batches end at file boundaries ({@code maxFilesPerTrigger}), not at a record count. */
    @Override
    protected boolean limitsMicroBatchesByRecords() {
        return false;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        List<BadOption> bad = new ArrayList<>();
        bad.add(new BadOption("fileOrder", "modificationTime or name", () -> make(dir, "fileOrder", "random")));
        bad.add(new BadOption("path", "existing directory", () -> make(dir, "path", dir.resolve("missing").toString())));
        bad.add(new BadOption("maxFilesPerTrigger", "positive whole number", () -> make(dir, "maxFilesPerTrigger", "0")));
        bad.add(new BadOption("mode", "PERMISSIVE", () -> make(dir, "mode", "LENIENT")));
        return bad;
    }

    /** Makes the source with one option changed. */
    protected void make(Path dir, String option, String value) {
        Map<String, String> options = new HashMap<>(options(dir));
        options.put(option, value);
        FileSource.fromOptions(format(), new Options("source '" + format() + "'", options));
    }
}
