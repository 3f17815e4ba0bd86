package io.streamline.bench.peers;

import io.streamline.bench.plot.Latency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Issue 15's two targets for the Kafka-to-Kafka benchmark, checked on one invocation's runs at one rate: this engine's
 * p99 lower than every peer's, and its continuous p50 within {@value #FLOOR_FACTOR}x of the floor (a bare Java
 * consumer-to-producer loop on the same broker). Rows are told apart by their labels as {@code run-peers.sh} writes
 * them: {@value #FLOOR} for the floors, {@value #ENGINE} for this engine, anything else a peer. Where a configuration
 * ran several times, its median is used; the lowest floor is the one compared with, so the target is not met against
 * a slow loop. A configuration none of whose runs delivered a record has no latency: this engine's fails both targets,
 * a peer's or a floor's is named and left out of the comparison.
 */
public final class KafkaTargets {
    /** How a floor's label starts. */
    public static final String FLOOR = "floor:";
    /** How this engine's labels start. */
    public static final String ENGINE = "streamline";
    /** The continuous p50 may be at most this many times the floor's. */
    static final double FLOOR_FACTOR = 1.5;

    private KafkaTargets() {
    }

    /** One configuration at the rate: its label and median percentiles. */
    private record Row(String label, double p50Us, double p99Us) {
    }

    /** The targets as a Markdown section; rows that are missing at {@code rate} are said to be missing. */
    public static String markdown(List<RunSummary> runs, long rate) {
        List<Row> floors = new ArrayList<>();
        List<Row> engine = new ArrayList<>();
        List<Row> peers = new ArrayList<>();
        List<String> deliveredNothing = new ArrayList<>();
        for (Map.Entry<String, List<RunSummary>> group : RepeatTable.byLabel(runs.stream()
                .filter(run -> run.rate() == rate).toList()).entrySet()) {
            List<RunSummary> delivered = RunSummary.delivered(group.getValue());
            if (delivered.isEmpty()) {
                deliveredNothing.add(group.getKey());
                continue;
            }
            Row row = new Row(group.getKey(), median(delivered, RunSummary::p50Us), median(delivered, RunSummary::p99Us));
            (row.label().startsWith(FLOOR) ? floors : row.label().startsWith(ENGINE) ? engine : peers).add(row);
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Issue 15's targets at %,d rec/s:%n%n", rate));
        for (String label : deliveredNothing) {
            md.append("- ").append(label).append(": delivered nothing").append(label.startsWith(ENGINE)
                    ? ", so neither target is met\n" : ", left out of the comparison\n");
        }
        if (engine.isEmpty()) {
            return md.append("- no run of this engine at this rate delivered records\n").toString();
        }
        if (peers.isEmpty()) {
            md.append("- p99 lower than every peer's: no peer ran at this rate\n");
        } else {
            Row best = peers.stream().min(Comparator.comparingDouble(Row::p99Us)).orElseThrow();
            md.append("- p99 lower than every peer's (the lowest peer p99: ").append(Latency.format(best.p99Us()))
                    .append(", ").append(best.label()).append("):\n");
            for (Row row : engine) {
                md.append("  - ").append(row.label()).append(": p99 ").append(Latency.format(row.p99Us()))
                        .append(row.p99Us() < best.p99Us() ? ": met\n" : ": not met\n");
            }
        }
        List<Row> continuous = engine.stream().filter(row -> row.label().contains("continuous")).toList();
        if (floors.isEmpty() || continuous.isEmpty()) {
            md.append("- continuous p50 within ").append(FLOOR_FACTOR).append("x of the floor: ")
                    .append(floors.isEmpty() ? "no floor" : "no continuous run of this engine").append(" at this rate\n");
        } else {
            Row floor = floors.stream().min(Comparator.comparingDouble(Row::p50Us)).orElseThrow();
            md.append("- continuous p50 within ").append(FLOOR_FACTOR).append("x of the floor (the lowest floor p50: ")
                    .append(Latency.format(floor.p50Us())).append(", ").append(floor.label()).append("):\n");
            for (Row row : continuous) {
                double ratio = row.p50Us() / floor.p50Us();
                md.append("  - ").append(row.label()).append(": p50 ").append(Latency.format(row.p50Us()))
                        .append(String.format(Locale.ROOT, ", %.2fx", ratio))
                        .append(ratio <= FLOOR_FACTOR ? ": met\n" : ": not met\n");
            }
        }
        return md.toString();
    }

    private static double median(List<RunSummary> runs, ToDoubleFunction<RunSummary> percentile) {
        return RepeatTable.median(runs.stream().mapToDouble(percentile).sorted().toArray());
    }
}
