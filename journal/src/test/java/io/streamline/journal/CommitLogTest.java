package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {

    @TempDir
    Path checkpoint;

    @Test
    void shouldHaveNoCommitsWhenNew() {
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            assertThat(log.last()).isEmpty();
            assertThat(log.readAll()).isEmpty();
        }
        assertThat(checkpoint.resolve("commits")).isDirectory();
    }

    @Test
    void shouldReturnAppendedCommitsInOrder() {
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            CommitRecord first = commit(1);
            CommitRecord second = commit(2);
            log.append(first);
            log.append(second);

            assertThat(log.last()).hasValue(second);
            assertThat(log.readAll()).containsExactly(first, second);
        }
    }

    @Test
    void shouldRoundTripRecordWithEmptyMapsAndUnicode() {
        CommitRecord record = new CommitRecord("q-\u00e9\u4e2d", 0, 0, Map.of(), Map.of());
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            log.append(record);

            assertThat(log.last()).hasValue(record);
        }
    }

    @Test
    void shouldKeepCommitsAcrossReopen() {
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            log.append(commit(1));
            log.append(commit(2));
        }
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            assertThat(log.last()).hasValue(commit(2));
            log.append(commit(3));
            assertThat(log.readAll()).containsExactly(commit(1), commit(2), commit(3));
        }
    }

    @Test
    void shouldRoundTripSinkHandlesAndWatermarks() {
        CommitRecord record = new CommitRecord("q", 5, 9, Map.of("s/0", "12"), Map.of("1-count", 3L),
                Map.of("sink/0", "{\"file\":\"part-0\"}", "sink/1", "txn-7"), Map.of("1-count", 1_700_000L, "0-withWatermark", 42L));
        try (CommitLog log = CommitLog.open(checkpoint, JournalSettings.defaults())) {
            log.append(record);
            assertThat(log.last()).hasValue(record);
        }
    }

    @Test
    void shouldStillReadTheFirstFormatWithoutHandlesAndWatermarks() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            writeString(out, "q");
            out.writeLong(3);
            out.writeLong(4);
            out.writeInt(1);
            writeString(out, "s/0");
            writeString(out, "7");
            out.writeInt(1);
            writeString(out, "1-count");
            out.writeLong(11);
        }
        assertThat(CommitRecordCodec.decode(bytes.toByteArray()))
                .isEqualTo(new CommitRecord("q", 3, 4, Map.of("s/0", "7"), Map.of("1-count", 11L)));
    }

    private static void writeString(java.io.DataOutputStream out, String s) throws java.io.IOException {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static CommitRecord commit(long epoch) {
        Map<String, String> offsets = new LinkedHashMap<>();
        offsets.put("kafka-in", "{\"topic-0\":" + (epoch * 100) + ",\"topic-1\":" + (epoch * 90) + "}");
        offsets.put("socket", Long.toString(epoch * 7));
        Map<String, Long> refs = new LinkedHashMap<>();
        refs.put("count-by-key", epoch << 20);
        return new CommitRecord("query-1", epoch, 1_700_000_000_000L + epoch, offsets, refs);
    }
}
