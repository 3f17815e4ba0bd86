package io.streamline.bench;

import io.streamline.engine.Trigger;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How the engine workloads run: the same pipeline definition, a different trigger. */
enum Mode {
    /** Records flow one at a time; an epoch checkpoint every {@code --epoch-ms}. */
    CONTINUOUS {
        @Override
        Trigger trigger(RunnerOptions options) {
            return Trigger.continuous(Duration.ofMillis(options.epochMs()));
        }

        @Override
        long intervalMs(RunnerOptions options) {
            return options.epochMs();
        }
    },
    /** A micro-batch every {@code --trigger-ms}, with exactly-once commits. */
    MICROBATCH {
        @Override
        Trigger trigger(RunnerOptions options) {
            return Trigger.processingTime(Duration.ofMillis(options.triggerMs()));
        }

        @Override
        long intervalMs(RunnerOptions options) {
            return options.triggerMs();
        }
    };

    /** The trigger engine workloads run with in this mode. */
    abstract Trigger trigger(RunnerOptions options);

    /** The epoch or batch interval, for results. */
    abstract long intervalMs(RunnerOptions options);

    /** The name on the command line and in results. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code continuous}, {@code microbatch}, or {@code both} (continuous, then micro-batch). */
    static List<Mode> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "continuous" -> List.of(CONTINUOUS);
            case "microbatch" -> List.of(MICROBATCH);
            case "both" -> List.of(CONTINUOUS, MICROBATCH);
            default -> throw new IllegalArgumentException("--mode: unknown mode '" + name + "'; accepted: continuous, microbatch, both");
        };
    }
}
