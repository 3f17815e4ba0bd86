package io.streamline.bench.peers.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The Spark session every Spark peer runs in: {@code local[2]} (or the master given) in this JVM, no UI, driver and
 * blocks on loopback.
 */
final class LocalSpark {
    private LocalSpark() {
    }

    /** A session named {@code appName}, with {@code settings} on top of the shared ones. */
    static SparkSession start(String appName, Map<String, String> settings) {
        return start(appName, "local[2]", settings);
    }

    /** The same on {@code master}, e.g. {@code local[4]} for 4 task slots. */
    static SparkSession start(String appName, String master, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .master(master)
                .appName(appName)
                .config("spark.ui.enabled", "false")
                // Driver and block manager listen on loopback only: everything runs in this JVM.
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }
}
