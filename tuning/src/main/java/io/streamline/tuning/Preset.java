package io.streamline.tuning;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.config.IdleMode;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Engine presets, each applied with one call: {@code StreamEngine.builder().apply(Preset.LATENCY).build()},
 * or {@code --preset latency} on the bench runner. What each knob does and what it measured on this machine
 * class is in {@code tuning/TUNING.md}.
 */
public enum Preset implements Consumer<StreamEngine.Builder> {
    /**
     * Lowest latency: task threads busy-spin (the engine falls back to backoff when a query has more task
     * threads than cores, where spinning collapses), small rings and poll batches, threads pinned to free cores.
     */
    LATENCY(IdleMode.BUSY_SPIN, 1024, 64, true),
    /** The default: backoff idling (spin, yield, then park), 4k rings. */
    BALANCED(IdleMode.BACKOFF, EngineConfig.DEFAULT_RING_SIZE, EngineConfig.DEFAULT_POLL_BATCH, false),
    /** Highest throughput: large rings and poll batches amortise per-cycle costs; latency tails grow. */
    THROUGHPUT(IdleMode.BACKOFF, 65_536, 4096, false),
    /** Least CPU when idle: threads park 100 µs between empty cycles; adds up to that much latency. */
    LOW_CPU(IdleMode.SLEEP, EngineConfig.DEFAULT_RING_SIZE, 1024, false);

    private final IdleMode idleMode;
    private final int ringSize;
    private final int pollBatch;
    private final boolean pinThreads;

    Preset(IdleMode idleMode, int ringSize, int pollBatch, boolean pinThreads) {
        this.idleMode = idleMode;
        this.ringSize = ringSize;
        this.pollBatch = pollBatch;
        this.pinThreads = pinThreads;
    }

    @Override
    public void accept(StreamEngine.Builder builder) {
        builder.profile(presetName()).idleMode(idleMode).ringSize(ringSize).pollBatch(pollBatch).pinThreads(pinThreads);
    }

    /** The name used on command lines and in {@code explain()}: {@code latency}, {@code low-cpu}, ... */
    public String presetName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The preset called {@code name} ({@code latency}, {@code balanced}, {@code throughput}, {@code low-cpu}). */
    public static Preset named(String name) {
        return Arrays.stream(values()).filter(p -> p.presetName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown preset '" + name + "'; accepted: "
                        + Arrays.stream(values()).map(Preset::presetName).collect(Collectors.joining(", "))));
    }
}
