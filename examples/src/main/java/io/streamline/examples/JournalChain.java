package io.streamline.examples;

import io.streamline.engine.StreamEngine;
import io.streamline.tuning.CommandLineOptions;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.sink.ForeachWriter;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two pipelines chained through a Chronicle journal (the Kappa architecture): the first turns the rate
 * source into events and appends them to a journal sink; the second reads that journal as a replayable
 * source and prints every 1000th event with a foreach writer. Runs {@code --seconds} (default 5) in
 * {@code --dir} (default: a temporary directory, deleted at the end).
 */
public final class JournalChain {
    private JournalChain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions a = CommandLineOptions.parseOrExit(args,
                "usage: examples/run.sh JournalChain [--dir DIR] [--seconds S]", "dir", "seconds");
        Examples.announce(JournalChain.class);
        try (WorkDir work = WorkDir.of(a.string("dir"), "journal-chain-")) {
            run(work.path(), a.longValue("seconds", 5));
        }
    }

    private static void run(Path dir, long seconds) throws Exception {
        Path journal = dir.resolve("events");
        StreamEngine engine = StreamEngine.create();

        StreamingQuery producer = engine.readStream().option("rowsPerSecond", 2000).rate()
                .map(row -> "event-" + row.value())
                .writeStream().format("journal").option("path", journal.toString())
                .option("checkpointLocation", dir.resolve("producer").toString()).trigger(Trigger.continuous(100)).start();

        AtomicLong seen = new AtomicLong();
        StreamingQuery consumer = engine.readStream().journal(journal.toString()).map(String.class::cast)
                .writeStream().foreach(new ForeachWriter<>() {
                    @Override
                    public boolean open(long partitionId, long epochId) {
                        return true;
                    }

                    @Override
                    public void process(String event) {
                        if (seen.incrementAndGet() % 1000 == 0) {
                            System.out.println("consumer read " + event);
                        }
                    }

                    @Override
                    public void close(Throwable error) {
                    }
                })
                .option("checkpointLocation", dir.resolve("consumer").toString()).trigger(Trigger.continuous(100)).start();

        Thread.sleep(seconds * 1000);
        producer.stop();
        consumer.stop();
        System.out.println("consumer read " + seen.get() + " events from " + journal);
    }
}
