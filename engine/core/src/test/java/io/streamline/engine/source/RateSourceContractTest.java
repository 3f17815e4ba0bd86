package io.streamline.engine.source;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.SourceContract;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The source contract for {@code rate}, with two partitions. */
class RateSourceContractTest extends SourceContract<RateRow> {
    @Override
    protected String format() {
        return "rate";
    }

    @Override
    protected Map<String, String> options(Path dir) {
        return Map.of("rowsPerSecond", "4000", "numPartitions", "2");
    }

    @Override
    protected boolean generatesOwnRecords() {
        return true;
    }

    @Override
    protected void append(Path dir, long from, long to) {
        throw new UnsupportedOperationException("rate makes its own rows");
    }

    @Override
    protected long keyOf(RateRow record) {
        return record.value();
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(
                new BadOption("rowsPerSecond", "positive whole number", () -> rate(Map.of("rowsPerSecond", "-5"))),
                new BadOption("numPartitions", "positive whole number", () -> rate(Map.of("numPartitions", "two"))),
                new BadOption("rampUpTime", "e.g.", () -> rate(Map.of("rampUpTime", "soon"))));
    }

    private static void rate(Map<String, String> options) {
        RateSource.fromOptions(new Options("source 'rate'", options));
    }
}
