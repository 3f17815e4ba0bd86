package io.streamline.engine;

import io.streamline.engine.CrashTestPipeline.Tally;
import io.streamline.engine.source.RateRow;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The pipeline the continuous exactly-once crash tests kill: a source of increasing numbers -> keyed running count
 * (key {@code value % KEYS}) -> a sink, in continuous mode with 100 ms epochs. Runs until killed (or halted by a fault
 * hook). Arguments: checkpoint directory, output directory, source: {@code rate:<rowsPerSecond>} (or
 * {@code rate:<rowsPerSecond>:<partitions>}, the count then running at parallelism {@code partitions}, so its instances
 * run on the partitions' threads when the sink is the partitioned JSON file sink),
 * {@code text:<directory>} (one number per line) or {@code socket-ack:<port>} (one number per line from a sender on
 * loopback speaking the socket source's acknowledging protocol), and optionally the sink: {@code json} (the default:
 * the JSON file sink, rows of key and {@link Tally}) or {@code journal} (the journal sink, {@code value,key,count} lines).
 */
public final class ContinuousExactlyOnceChild {
    private ContinuousExactlyOnceChild() {
    }

    public static void main(String[] args) throws Exception {
        String[] source = args[2].split(":");
        StreamEngine engine = source[0].equals("rate") && source.length > 2
                ? StreamEngine.builder().parallelism(Integer.parseInt(source[2])).build() : StreamEngine.create();
        DataStream<KeyValue<Long, Tally>> tallies = numbers(engine, args[2])
                .map(v -> new Tally(v, 1))
                .groupByKey(t -> t.lastValue() % CrashTestPipeline.KEYS)
                .reduce((acc, t) -> new Tally(t.lastValue(), acc.count() + t.count()));
        String sink = args.length > 3 ? args[3] : "json";
        DataStreamWriter<?> writer = switch (sink) {
            case "json" -> tallies.writeStream().format("json");
            case "journal" -> tallies.map(CommittedTallies::line).writeStream().format("journal");
            default -> throw new IllegalArgumentException("sink must be json or journal: " + sink);
        };
        StreamingQuery query = writer.option("path", Path.of(args[1]).toString()).outputMode("update")
                .option("checkpointLocation", args[0])
                .trigger(Trigger.continuous(Duration.ofMillis(100)))
                .start();
        System.out.println(query.explainString());
        query.awaitTermination(); // until killed; a failure ends the JVM with its stack trace
    }

    /** The numbers 0, 1, 2, ... from the rate source, from text files or from a socket, one number per line. */
    static DataStream<Long> numbers(StreamEngine engine, String source) {
        String[] kind = source.split(":", 2);
        return switch (kind[0]) {
            case "rate" -> {
                String[] rate = kind[1].split(":");
                yield engine.readStream().option("rowsPerSecond", Long.parseLong(rate[0]))
                        .option("numPartitions", rate.length > 1 ? Integer.parseInt(rate[1]) : 1).rate().map(RateRow::value);
            }
            case "text" -> engine.readStream().text(kind[1]).map(Long::parseLong);
            case "socket-ack" -> engine.readStream().option("host", "127.0.0.1").option("port", kind[1])
                    .option("protocol", "ack").option("reconnectDelay", "10ms").option("maxReconnectDelay", "100ms")
                    .socket().map(Long::parseLong);
            default -> throw new IllegalArgumentException("source must be rate:<rowsPerSecond>[:<partitions>], text:<dir> or"
                    + " socket-ack:<port>: " + source);
        };
    }
}
