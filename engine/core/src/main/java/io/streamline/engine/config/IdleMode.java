package io.streamline.engine.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What a task thread does when a duty cycle found no work. On this machine class (see MEASURED.md) a
 * single busy thread is almost never disturbed, but more busy-spinning threads than cores collapse latency
 * from microseconds to milliseconds; {@link #BACKOFF} is therefore the default, and {@link #BUSY_SPIN} is
 * honoured only while the query's threads fit on the cores.
 */
public enum IdleMode {
    /** Spin without pause: lowest latency, one core per thread. */
    BUSY_SPIN {
        @Override
        public IdleStrategy newStrategy() {
            return new BusySpinIdleStrategy();
        }
    },
    /**
     * Spin ~1k times, yield ~100 times, then park from 1 µs doubling to 1 ms: at 100k rec/s records arrive
     * before the thread ever parks, and an idle query costs almost no CPU.
     */
    BACKOFF {
        @Override
        public IdleStrategy newStrategy() {
            return new BackoffIdleStrategy(1_000, 100, 1_000, 1_000_000);
        }
    },
    /** Yield the core on every idle cycle. */
    YIELD {
        @Override
        public IdleStrategy newStrategy() {
            return new YieldingIdleStrategy();
        }
    },
    /** Park 100 µs on every idle cycle: least CPU, adds up to the park time (plus timer slack) of latency. */
    SLEEP {
        @Override
        public IdleStrategy newStrategy() {
            return new SleepingIdleStrategy(100_000);
        }
    };

    /** A fresh strategy for one thread (strategies keep per-thread state). */
    public abstract IdleStrategy newStrategy();
}
