package io.streamline.bench.peers.spark;

import io.streamline.bench.peers.RunningPeer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** A Spark peer's query while it runs: stopping it rethrows the query's failure, if any, and stops the session. */
final class SparkRunningPeer implements RunningPeer {
    private final SparkSession spark;
    private final StreamingQuery query;
    private final String config;
    private final String mode;

    SparkRunningPeer(SparkSession spark, StreamingQuery query, String config, String mode) {
        this.spark = spark;
        this.query = query;
        this.config = config;
        this.mode = mode;
    }

    @Override
    public String engine() {
        return "Spark " + spark.version();
    }

    @Override
    public String config() {
        return config;
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public void close() throws Exception {
        try {
            if (query.exception().isDefined()) {
                throw query.exception().get();
            }
            query.stop();
        } finally {
            spark.stop();
        }
    }
}
