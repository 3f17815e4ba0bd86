package io.streamline.tuning;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.config.EngineConfig;

/**
 * One configuration the auto-tuner tries: a preset, a ring size and a number of source partitions (each
 * partition is a task thread; with more than one, rings merge them into the aggregating task).
 */
record TuningCandidate(Preset preset, int ringSize, int partitions) {
    /** An engine with this candidate's settings. */
    StreamEngine engine() {
        return StreamEngine.builder().apply(preset).ringSize(ringSize).build();
    }

    /** This candidate's settings as a profile the engine can load. */
    TunedProfile profile() {
        EngineConfig c = engine().config();
        return new TunedProfile("tuned (" + this + ")", c.idleMode(), c.ringSize(), c.pollBatch(), c.pinThreads());
    }

    /** Task threads the workload runs on. */
    int threads() {
        return partitions == 1 ? 1 : partitions + 1;
    }

    @Override
    public String toString() {
        return preset.presetName() + ", ring " + ringSize + ", " + threads() + (threads() == 1 ? " thread" : " threads");
    }
}
