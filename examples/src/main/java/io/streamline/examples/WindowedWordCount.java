package io.streamline.examples;

import io.streamline.engine.DataStream;
import io.streamline.engine.KeyValue;
import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import io.streamline.operators.join.Joined;
import io.streamline.operators.join.StreamJoin;
import io.streamline.operators.window.Windowed;
import io.streamline.operators.window.Windows;
import io.streamline.tuning.CommandLineOptions;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Spark guide's windowed word count with a watermark, then a sessionization and an impression/click join, all on
 * event time. Words arrive with their event times in five triggers (through a {@code MemoryStream}, one
 * {@code processAllAvailable} per trigger), some late: {@code cat} at 12:09 is behind the max event time but within
 * the 10-minute watermark, {@code donkey} at 12:04 comes after the watermark passed its windows and is dropped. The
 * count of 10-minute windows sliding every 5 minutes runs in each output mode, printing every trigger's table as
 * Spark's console sink does: append shows a window once, when the watermark passes its end; update the windows each
 * trigger changed; complete the whole table. Runs in micro-batch mode (Trigger.processingTime); the same pipelines
 * run unchanged under Trigger.continuous.
 */
public final class WindowedWordCount {
    /** A word and when it was written. */
    public record Word(String word, long time) implements Serializable {
    }

    /** A result row as the console shows it. */
    public record WindowCount(String window, String word, long count) {
    }

    /** An ad impression or click of a user. */
    public record AdEvent(String ad, String user, long time) implements Serializable {
    }

    private static final List<List<Word>> TRIGGERS = List.of(
            List.of(w("owl", "12:07"), w("cat", "12:07"), w("dog", "12:08")),
            List.of(w("dog", "12:14"), w("owl", "12:14"), w("cat", "12:09")),
            List.of(w("cat", "12:15"), w("owl", "12:08"), w("owl", "12:13"), w("owl", "12:21")),
            List.of(w("owl", "12:17"), w("donkey", "12:04")),
            List.of(w("owl", "12:31")));

    private WindowedWordCount() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions.parseOrExit(args, "usage: examples/run.sh WindowedWordCount");
        Examples.announce(WindowedWordCount.class);
        try (StreamEngine engine = StreamEngine.create()) {
            for (String mode : List.of("append", "update", "complete")) {
                System.out.println("=== windowed word count, outputMode(\"" + mode + "\") ===");
                MemoryStream<Word> words = new MemoryStream<>("words");
                StreamingQuery query = counts(engine.readStream(words)).writeStream().format("console")
                        .option("truncate", "false").outputMode(mode).trigger(Trigger.processingTime(Duration.ofMillis(10))).start();
                for (List<Word> trigger : TRIGGERS) {
                    words.addData(trigger.toArray(Word[]::new));
                    query.processAllAvailable();
                }
                System.out.println("rows dropped as late: " + query.recentProgress().stream()
                        .flatMap(p -> p.stateOperators().stream()).mapToLong(s -> s.numRowsDroppedByWatermark()).sum());
                query.stop();
            }
            sessions(engine);
            impressionsAndClicks(engine);
        }
    }

    /** The guide's pipeline: a 10-minute watermark, 10-minute windows every 5 minutes, counted per word. */
    static DataStream<WindowCount> counts(DataStream<Word> words) {
        return words.withWatermark(Word::time, "10 minutes")
                .groupByKey(Word::word)
                .via(Windows.<String, Word>sliding("10 minutes", "5 minutes"))
                .count()
                .map(WindowedWordCount::row);
    }

    /** Sessions of each word with a 5-minute gap, emitted once the watermark closes them. */
    private static void sessions(StreamEngine engine) throws Exception {
        System.out.println("=== sessions of each word (gap 5 minutes), outputMode(\"append\") ===");
        MemoryStream<Word> words = new MemoryStream<>("words");
        StreamingQuery query = engine.readStream(words).withWatermark(Word::time, "10 minutes").groupByKey(Word::word)
                .via(Windows.<String, Word>session("5 minutes")).count().map(WindowedWordCount::row)
                .writeStream().format("console").option("truncate", "false").trigger(Trigger.processingTime(Duration.ofMillis(10))).start();
        for (List<Word> trigger : TRIGGERS) {
            words.addData(trigger.toArray(Word[]::new));
            query.processAllAvailable();
        }
        query.stop();
    }

    /** Clicks within 10 minutes after an impression of the same ad; impressions never clicked, null-padded. */
    private static void impressionsAndClicks(StreamEngine engine) throws Exception {
        System.out.println("=== impressions joined with the clicks 0-10 minutes after them, leftOuter ===");
        MemoryStream<AdEvent> impressions = new MemoryStream<>("impressions");
        MemoryStream<AdEvent> clicks = new MemoryStream<>("clicks");
        DataStream<Joined<AdEvent, AdEvent>> joined = StreamJoin
                .of(engine.readStream(impressions).withWatermark(AdEvent::time, "5 minutes"), AdEvent::ad,
                        engine.readStream(clicks).withWatermark(AdEvent::time, "5 minutes"), AdEvent::ad)
                .within(Duration.ZERO, Duration.ofMinutes(10))
                .leftOuter();
        StreamingQuery query = joined.map(j -> j.left().ad() + " shown to " + j.left().user() + " at " + clock(j.left().time())
                        + (j.right() == null ? ": not clicked" : ": clicked at " + clock(j.right().time())))
                .writeStream().format("console").option("truncate", "false").trigger(Trigger.processingTime(Duration.ofMillis(10))).start();
        impressions.addData(new AdEvent("ad1", "ann", at("12:00")), new AdEvent("ad2", "bob", at("12:01")));
        clicks.addData(new AdEvent("ad1", "ann", at("12:04")));
        query.processAllAvailable();
        impressions.addData(new AdEvent("ad3", "cy", at("12:30")));
        clicks.addData(new AdEvent("ad3", "cy", at("12:31")));
        query.processAllAvailable(); // the watermark 12:25 tells ad2 will not be clicked within 10 minutes
        query.stop();
    }

    private static WindowCount row(KeyValue<Windowed<String>, Long> kv) {
        return new WindowCount("[" + clock(kv.key().start()) + ", " + clock(kv.key().end()) + ")", kv.key().key(), kv.value());
    }

    private static Word w(String word, String time) {
        return new Word(word, at(time));
    }

    /** Today's {@code hh:mm} as epoch milliseconds of 1970-01-01, enough for the example. */
    private static long at(String time) {
        return LocalTime.parse(time).toSecondOfDay() * 1000L;
    }

    private static String clock(long millis) {
        return LocalTime.ofSecondOfDay(millis / 1000 % 86_400).atOffset(ZoneOffset.UTC).toLocalTime().toString();
    }
}
