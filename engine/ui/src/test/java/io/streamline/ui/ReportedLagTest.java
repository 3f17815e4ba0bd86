package io.streamline.ui;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportedLagTest {
    @Test
    void shouldReadSparksEventTimeAndKafkaLagFields() {
        // The shape Spark's progress has, as the event-time operators and the Kafka source add it.
        ReportedLag lag = ReportedLag.of("""
                {"timestamp": "2026-11-25T10:00:12.500Z",
                 "eventTime": {"avg": "2026-11-25T10:00:05.000Z", "max": "2026-11-25T10:00:09.000Z",
                               "min": "2026-11-25T10:00:01.000Z", "watermark": "2026-11-25T10:00:02.000Z"},
                 "sources": [{"description": "KafkaV2[Subscribe[clicks]]",
                              "metrics": {"avgOffsetsBehindLatest": "12.5", "maxOffsetsBehindLatest": "40", "minOffsetsBehindLatest": "0",
                                          "offsetsBehindLatestByPartition": "{\\"clicks\\":{\\"0\\":40,\\"1\\":0},\\"views\\":{\\"3\\":10}}"}},
                             {"description": "RateSource", "metrics": {}}]}""");

        assertThat(lag.watermark()).contains(Instant.parse("2026-11-25T10:00:02Z"));
        assertThat(lag.watermarkLagSec()).contains(10.5);
        assertThat(lag.sourceLag()).isEqualTo(Map.of("KafkaV2[Subscribe[clicks]]", 40.0));
        assertThat(lag.partitionLag()).containsExactly(
                new ReportedLag.PartitionLag("KafkaV2[Subscribe[clicks]]", "clicks", "0", 40),
                new ReportedLag.PartitionLag("KafkaV2[Subscribe[clicks]]", "clicks", "1", 0),
                new ReportedLag.PartitionLag("KafkaV2[Subscribe[clicks]]", "views", "3", 10));
    }

    @Test
    void shouldFindNothingInTodaysReports() {
        ReportedLag lag = ReportedLag.of("""
                {"timestamp": "2026-11-25T10:00:12.500Z",
                 "sources": [{"description": "RateSource", "metrics": {"numDroppedMalformedRows": "3", "maxOffsetsBehindLatest": "n/a",
                                                                    "offsetsBehindLatestByPartition": "{not json"}}]}""");

        assertThat(lag.watermark()).isEmpty();
        assertThat(lag.watermarkLagSec()).isEmpty();
        assertThat(lag.sourceLag()).isEmpty();
        assertThat(lag.partitionLag()).isEmpty();
    }
}
