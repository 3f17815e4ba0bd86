package io.streamline.engine.sink;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;
import io.streamline.engine.source.JournalSource;
import io.streamline.engine.source.SourceReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sink contract for {@code journal}: the output is what the journal source reads from it. */
class JournalSinkContractTest extends SinkContract {
    @Override
    protected String format() {
        return "journal";
    }

    @Override
    protected Map<String, String> options(Path dir) {
        return Map.of("path", dir.resolve("journal").toString());
    }

    @Override
    protected List<Long> readBack(Path dir) {
        List<Long> keys = new ArrayList<>();
        if (!Files.isDirectory(dir.resolve("journal"))) {
            return keys;
        }
        JournalSource source = new JournalSource(dir.resolve("journal"), "earliest", Long.MAX_VALUE);
        try (SourceReader<Object> reader = source.openPartition(0, null)) {
            while (reader.poll((value, offset, ingestNanos, eventTime) -> keys.add(Long.parseLong((String) value)), 1024) > 0) {
                // read to the end of what is there
            }
        }
        return keys;
    }

    /** Exactly once in both modes: continuous by the position entries, micro-batch by bracketed batches. */
    @Override
    protected Delivery delivery(boolean microBatch) {
        return Delivery.EXACTLY_ONCE;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(new BadOption("path", "required", () -> JournalSink.fromOptions(new Options("sink 'journal'", Map.of()))));
    }
}
