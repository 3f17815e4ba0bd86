package io.streamline.bench.peers;

/** A peer's streaming job under load, from start until {@link #close()}. */
public interface RunningPeer extends AutoCloseable {
    /** Engine and version, e.g. {@code Flink 2.3.0}. */
    String engine();

    /** What was configured, in a few words, e.g. the trigger or the buffer timeout. */
    String config();

    /** Execution mode: {@code continuous} or {@code micro-batch}. */
    String mode();

    /** Stops the job and fails if it failed while running. */
    @Override
    void close() throws Exception;
}
