package io.streamline.bench.peers;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a Kafka-to-Kafka peer, as {@code bench/run.sh --kafka --external COMMAND} completes it:
 * {@code --workload W --bootstrap B --in TOPIC --out TOPIC}, plus the options the peer declares for its own
 * configuration (given in {@code COMMAND}).
 *
 * @param workload  {@code kafka-passthrough} (each input record's key and value to the output topic) or
 *                  {@code kafka-keyed-count} (each key's running count, key and count as text, every change)
 * @param bootstrap the broker
 * @param in        the input topic
 * @param out       the output topic
 * @param extra     the peer's own options, by name (with the leading dashes)
 */
public record KafkaPeerOptions(String workload, String bootstrap, String in, String out, Map<String, String> extra) {
    /** The workloads a Kafka peer runs. */
    public static final List<String> WORKLOADS = List.of("kafka-passthrough", "kafka-keyed-count");
    private static final Set<String> COMMON = Set.of("--workload", "--bootstrap", "--in", "--out");

    /**
     * Parses {@code --name value} pairs.
     *
     * @param own the peer's own option names, each with its default (null: required)
     * @throws IllegalArgumentException naming the option at fault
     */
    public static KafkaPeerOptions parse(Map<String, String> own, String... args) {
        Map<String, String> values = OptionPairs.parse(COMMON, own, args);
        Map<String, String> extra = OptionPairs.own(values, own);
        String workload = OptionPairs.required(values, "--workload", null);
        if (!WORKLOADS.contains(workload)) {
            throw new IllegalArgumentException("--workload: expected one of " + String.join(", ", WORKLOADS) + ", got '"
                    + workload + "'");
        }
        return new KafkaPeerOptions(workload, OptionPairs.required(values, "--bootstrap", null),
                OptionPairs.required(values, "--in", null), OptionPairs.required(values, "--out", null), extra);
    }

    /** Whether the workload is the keyed count. */
    public boolean keyedCount() {
        return workload.equals("kafka-keyed-count");
    }

    /** The value of one of the peer's own options, which must be one of {@code accepted}. */
    public String choice(String name, List<String> accepted) {
        String value = extra.get(name);
        if (value == null) {
            throw new IllegalArgumentException("not an option of this peer: " + name);
        }
        if (!accepted.contains(value)) {
            throw new IllegalArgumentException(name + ": expected one of " + String.join(", ", accepted) + ", got '" + value + "'");
        }
        return value;
    }
}
