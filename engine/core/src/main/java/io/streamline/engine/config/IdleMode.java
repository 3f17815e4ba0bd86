package io.streamline.engine.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What a task thread does when a duty cycle found no work. On this machine class (see MEASURED.md) a
 * single busy thread is almost never disturbed, but more busy-spinning threads than cores collapse latency
 * from microseconds to milliseconds; {@link #BACKOFF} is therefore the default, and both spin-first modes
 * give way to {@link #YIELD_BACKOFF} once the query's threads outnumber the cores ({@link #forThreads}).
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
    /**
     * Yield ~1k times, then park from 1 µs doubling to 1 ms: for more task threads than cores. A spinning
     * thread holds its core for the whole spin phase (1k {@code onSpinWait} are ~20 µs); a paced source whose
     * next record is due within that phase never leaves it, so two such sources on two cores starve the
     * thread they feed until the scheduler preempts them (milliseconds). Yielding hands the core to that
     * thread at once; measured in bench/README.md ("Why the fan-in plan waited milliseconds").
     */
    YIELD_BACKOFF {
        @Override
        public IdleStrategy newStrategy() {
            return new BackoffIdleStrategy(1, 1_000, 1_000, 1_000_000);
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

    /**
     * The mode a query actually runs with: the spin-first modes ({@link #BUSY_SPIN}, {@link #BACKOFF}) only
     * while every task thread can have a core of its own, {@link #YIELD_BACKOFF} otherwise; the others as asked.
     *
     * @param taskThreads the query's task threads
     * @param cores       the cores the JVM may use
     */
    public IdleMode forThreads(int taskThreads, int cores) {
        boolean spinFirst = this == BUSY_SPIN || this == BACKOFF;
        return spinFirst && taskThreads > cores ? YIELD_BACKOFF : this;
    }

    /** A fresh strategy for one thread (strategies keep per-thread state). */
    public abstract IdleStrategy newStrategy();
}
