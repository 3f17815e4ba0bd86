package io.streamline.bench.kafka;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A keyed count's output leads back to the records it counted, each once, with the intended time of each. */
class KeyedCountsTest {
    /** 3 keys, a record every 10 ns from 1,000: key n's j-th record is record 3(j-1)+n, due at 1,000 + 10 of that. */
    private final Schedule schedule = new Schedule(1_000, 10);

    @Test
    void shouldShowEveryCountedRecordOnceWithItsOwnIntendedTime() {
        KeyedCounts counts = new KeyedCounts(3);
        counts.use(schedule);
        List<Long> shown = new ArrayList<>();

        counts.forEachShown(bytes("k1"), bytes("1"), shown::add);  // record 1
        counts.forEachShown(bytes("k1"), bytes("3"), shown::add);  // a batch: records 4 and 7
        counts.forEachShown(bytes("k1"), bytes("2"), shown::add);  // a replayed earlier count: nothing new
        counts.forEachShown(bytes("k0"), bytes("1"), shown::add);  // record 0

        assertThat(shown).containsExactly(1_010L, 1_040L, 1_070L, 1_000L);
    }

    @Test
    void shouldShowNothingBeforeTheScheduleStarts() {
        KeyedCounts counts = new KeyedCounts(3);
        List<Long> shown = new ArrayList<>();

        counts.forEachShown(bytes("k1"), bytes("5"), shown::add);

        assertThat(shown).isEmpty();
    }

    @Test
    void shouldRejectOutputThatIsNotAKeyAndACountNamingWhatItGot() {
        KeyedCounts counts = new KeyedCounts(3);
        counts.use(schedule);

        assertThatThrownBy(() -> counts.forEachShown(bytes("k7"), bytes("1"), t -> { }))
                .hasMessageContaining("k0 .. k2").hasMessageContaining("'k7'");
        assertThatThrownBy(() -> counts.forEachShown(bytes("k1"), new byte[]{0, 0, 0, 1}, t -> { }))
                .hasMessageContaining("decimal text");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
