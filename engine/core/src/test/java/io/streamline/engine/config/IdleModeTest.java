package io.streamline.engine.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spin-first idling only while every task thread has a core; a yield-first backoff otherwise. */
class IdleModeTest {
    @Test
    void spinFirstModesGiveWayToTheYieldFirstBackoffWhenThreadsOutnumberCores() {
        assertThat(IdleMode.BACKOFF.forThreads(3, 2)).isEqualTo(IdleMode.YIELD_BACKOFF);
        assertThat(IdleMode.BUSY_SPIN.forThreads(3, 2)).isEqualTo(IdleMode.YIELD_BACKOFF);
    }

    @Test
    void spinFirstModesStayWhileThreadsFitOnTheCores() {
        assertThat(IdleMode.BACKOFF.forThreads(2, 2)).isEqualTo(IdleMode.BACKOFF);
        assertThat(IdleMode.BUSY_SPIN.forThreads(1, 2)).isEqualTo(IdleMode.BUSY_SPIN);
    }

    @Test
    void modesThatNeverSpinAreRunAsAsked() {
        for (IdleMode mode : new IdleMode[] {IdleMode.YIELD, IdleMode.SLEEP, IdleMode.YIELD_BACKOFF}) {
            assertThat(mode.forThreads(8, 2)).isEqualTo(mode);
        }
    }
}
