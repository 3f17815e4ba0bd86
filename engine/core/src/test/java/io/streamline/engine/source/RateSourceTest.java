package io.streamline.engine.source;

import io.streamline.engine.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateSourceTest {
    private final List<Long> values = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final List<Long> ingest = new ArrayList<>();
    private final SourceOutput<RateRow> out = (row, offset, ingestNanos, eventTime) -> {
        values.add(row.value());
        offsets.add(offset);
        ingest.add(ingestNanos);
    };

    @Test
    void shouldInterleaveValuesAcrossPartitionsAndResumeFromAnOffset() {
        RateSource source = new RateSource(1_000_000, Duration.ZERO, 3, Long.MAX_VALUE);
        SourceReader<RateRow> partition1 = source.openPartition(1, null);
        Await.until("rows due", () -> {
            partition1.poll(out, 5 - values.size());
            return values.size() == 5;
        });
        assertThat(values).containsExactly(1L, 4L, 7L, 10L, 13L);
        assertThat(offsets).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(partition1.offset()).isEqualTo("5");

        values.clear();
        SourceReader<RateRow> resumed = source.openPartition(1, "5");
        Await.until("rows due after resume", () -> resumed.poll(out, 1) == 1);
        assertThat(values).containsExactly(16L);
    }

    @Test
    void shouldStampRowsWithTheirIntendedSendTimeAtTheConfiguredRate() {
        SourceReader<RateRow> reader = new RateSource(1000, Duration.ZERO, 1, Long.MAX_VALUE).openPartition(0, null);
        Await.until("50 rows", () -> {
            reader.poll(out, 100);
            return values.size() >= 50;
        });
        for (int i = 1; i < 50; i++) {
            assertThat(ingest.get(i) - ingest.get(i - 1)).as("gap before row %d", i).isBetween(999_000L, 1_001_000L);
        }
    }
}
