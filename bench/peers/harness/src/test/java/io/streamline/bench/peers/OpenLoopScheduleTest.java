package io.streamline.bench.peers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's schedule: due instants and the count of due records agree, also where rates do not divide 1 s. */
class OpenLoopScheduleTest {
    @Test
    void recordKIsDueExactlyFromItsDueInstant() {
        for (long rate : new long[] {3, 7, 100_000, 3_000_000_000L}) {
            OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, rate);
            for (long k = 0; k < 20_000; k += 1 + k / 10) {
                long due = schedule.dueNanos(k);
                assertThat(schedule.dueBy(due)).as("rate %d, record %d at its instant", rate, k).isGreaterThan(k);
                assertThat(schedule.dueBy(due - 1)).as("rate %d, record %d just before", rate, k).isLessThanOrEqualTo(k);
            }
        }
    }

    @Test
    void nothingIsDueBeforeTheStartAndOneRecordAtIt() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(5_000, 100_000);
        assertThat(schedule.dueBy(4_999)).isZero();
        assertThat(schedule.dueBy(5_000)).isEqualTo(1);
        assertThat(schedule.dueBy(5_000 + 1_000_000_000L)).isEqualTo(100_001);
    }
}
