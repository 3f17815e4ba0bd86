package io.streamline.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryLogTest {

    @TempDir
    Path dir;

    @Test
    void shouldBeEmptyWhenNew() {
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            assertThat(log.last()).isEmpty();
            assertThat(log.indexFromEnd(1)).isEmpty();
            List<Long> seen = new ArrayList<>();
            log.forEach((index, payload) -> seen.add(index));
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void shouldReturnLastAppendedEntry() {
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            log.append(bytes("one"));
            log.append(bytes("two"));

            assertThat(log.last()).hasValueSatisfying(last -> assertThat(text(last)).isEqualTo("two"));
        }
    }

    @Test
    void shouldVisitAllEntriesInOrderWithTheirIndex() {
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            List<Long> appended = List.of(log.append(bytes("a")), log.append(new byte[0]), log.append(bytes("c")));
            List<Long> indexes = new ArrayList<>();
            List<String> texts = new ArrayList<>();

            log.forEach((index, payload) -> {
                indexes.add(index);
                texts.add(text(payload));
            });

            assertThat(indexes).isEqualTo(appended);
            assertThat(texts).containsExactly("a", "", "c");
            assertThat(log.indexFromEnd(1)).hasValue(appended.get(2));
            assertThat(log.indexFromEnd(3)).hasValue(appended.get(0));
            assertThat(log.indexFromEnd(4)).isEmpty();
        }
    }

    @Test
    void shouldKeepEntriesAcrossReopen() {
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            log.append(bytes("before"));
        }
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            assertThat(log.last().map(EntryLogTest::text)).hasValue("before");
            log.append(bytes("after"));
        }
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            List<String> texts = new ArrayList<>();
            log.forEach((index, payload) -> texts.add(text(payload)));
            assertThat(texts).containsExactly("before", "after");
        }
    }

    @Test
    void shouldStartCursorAtGivenIndex() {
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            log.append(bytes("a"));
            long second = log.append(bytes("b"));
            log.append(bytes("c"));

            try (EntryCursor cursor = log.cursorFrom(second)) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.index()).isEqualTo(second);
                assertThat(text(cursor.payload())).isEqualTo("b");
                assertThat(cursor.next()).isTrue();
                assertThat(text(cursor.payload())).isEqualTo("c");
                assertThat(cursor.next()).isFalse();
            }
        }
    }

    @Test
    void shouldIgnoreDocumentThatFailsItsChecksum() {
        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            log.append(bytes("good"));
        }
        appendForgedFrame(dir);

        try (EntryLog log = EntryLog.open(dir, JournalSettings.defaults())) {
            assertThat(log.last().map(EntryLogTest::text)).hasValue("good");
            List<String> texts = new ArrayList<>();
            log.forEach((index, payload) -> texts.add(text(payload)));
            assertThat(texts).containsExactly("good");
        }
    }

    @Test
    void shouldAcceptEntriesOfMaximumSizeAndRejectLargerOneClearly() {
        JournalSettings smallBlocks =
                new JournalSettings(JournalSettings.defaults().rollCycle(), JournalSettings.MIN_BLOCK_SIZE, 500);
        try (EntryLog log = EntryLog.open(dir, smallBlocks)) {
            int max = log.maxEntryBytes();
            // Many, so that the file grows through several blocks and index blocks with maximal entries.
            for (int i = 0; i < 100; i++) {
                log.append(new byte[max]);
            }

            assertThat(log.last()).hasValueSatisfying(last -> assertThat(last).hasSize(max));
            assertThatThrownBy(() -> log.append(new byte[max + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Integer.toString(max + 1))
                    .hasMessageContaining("blockSizeBytes");
            assertThat(log.indexFromEnd(101)).isEmpty();
        }
    }

    /** A complete Chronicle document whose frame claims the right length but carries a wrong checksum. */
    private static void appendForgedFrame(Path dir) {
        try (SingleChronicleQueue queue = RawQueues.open(dir);
             var appender = queue.createAppender();
             DocumentContext doc = appender.writingDocument()) {
            byte[] payload = bytes("forged");
            doc.wire().bytes().writeInt(payload.length).writeInt(12345).write(payload);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, UTF_8);
    }
}
