package io.streamline.bench.peers.flink;

import io.streamline.bench.peers.RunningPeer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.util.EnvironmentInformation;

/** A running Flink job as the harness sees it: the engine's version, the job's configuration, and how to stop it. */
final class FlinkJobPeer implements RunningPeer {
    private final JobClient job;
    private final String config;

    /**
     * @param job    the submitted job
     * @param config its configuration in words, for the table
     */
    FlinkJobPeer(JobClient job, String config) {
        this.job = job;
        this.config = config;
    }

    @Override
    public String engine() {
        return "Flink " + EnvironmentInformation.getVersion();
    }

    @Override
    public String config() {
        return config;
    }

    @Override
    public String mode() {
        return "continuous";
    }

    @Override
    public void close() throws Exception {
        // A job that failed while measured has no status to cancel: report its failure instead.
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            job.getJobExecutionResult().get();
            throw new IllegalStateException("the Flink job ended while it was measured");
        }
        job.cancel().get();
    }
}
