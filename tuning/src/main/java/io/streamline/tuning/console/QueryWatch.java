package io.streamline.tuning.console;

import io.streamline.engine.StreamingQuery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Waiting while a query runs, with its rate and p99 shown as the status twice a second. */
public final class QueryWatch {
    /** How often the status is refreshed while waiting. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    private QueryWatch() {
    }

    /**
     * Sleeps {@code length} (less if the query ends), reporting {@code query}'s figures to {@code status}.
     *
     * @param from  how much of {@code total} was spent before this wait
     * @param total the length of the whole task the status shows, e.g. warm-up and measurement together
     */
    public static void sleepShowing(Consumer<Status> status, StreamingQuery query, String task, Duration from,
                                    Duration length, Duration total) throws InterruptedException {
        long start = System.nanoTime();
        for (long left = length.toNanos(); left > 0 && query.isActive(); left = length.toNanos() - (System.nanoTime() - start)) {
            status.accept(Status.of(task, from.plusNanos(System.nanoTime() - start), total, query));
            TimeUnit.NANOSECONDS.sleep(Math.min(left, INTERVAL.toNanos()));
        }
    }
}
