package io.streamline.bench.kafka;

/** The pipeline under test, from the input topic to the output topic; closing it stops it. */
interface Pipeline extends AutoCloseable {
    /**
     * Throws if the pipeline failed or ended by itself, with what it failed of: the bench stops there instead of
     * measuring a pipeline that delivers nothing.
     */
    void check();
}
