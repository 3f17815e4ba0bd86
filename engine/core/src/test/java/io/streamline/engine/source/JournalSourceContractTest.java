package io.streamline.engine.source;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.SourceContract;
import io.streamline.journal.EntryLog;
import io.streamline.journal.JournalSettings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The source contract for {@code journal}: keys appended as string entries by a writer of the test's own. */
class JournalSourceContractTest extends SourceContract<Object> {
    @Override
    protected String format() {
        return "journal";
    }

    @Override
    protected Map<String, String> options(Path dir) {
        return Map.of("path", dir.resolve("journal").toString());
    }

    @Override
    protected void setUp(Path dir) {
        EntryLog.open(dir.resolve("journal"), JournalSettings.defaults()).close();
    }

    @Override
    protected void append(Path dir, long from, long to) {
        try (EntryLog log = EntryLog.open(dir.resolve("journal"), JournalSettings.defaults())) {
            for (long k = from; k < to; k++) {
                log.append(JournalRecords.encode(Long.toString(k)));
            }
        }
    }

    @Override
    protected long keyOf(Object record) {
        return Long.parseLong((String) record);
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(
                new BadOption("startingIndex", "earliest, latest or", () -> make(dir, "startingIndex", "middle")),
                new BadOption("path", "no journal", () -> make(dir, "path", dir.resolve("missing").toString())),
                new BadOption("maxRecordsPerTrigger", "positive whole number", () -> make(dir, "maxRecordsPerTrigger", "-1")));
    }

    private void make(Path dir, String option, String value) {
        Map<String, String> options = new HashMap<>(options(dir));
        options.put(option, value);
        JournalSource.fromOptions(new Options("source 'journal'", options));
    }
}
