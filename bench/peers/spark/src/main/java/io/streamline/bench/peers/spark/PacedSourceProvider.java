package io.streamline.bench.peers.spark;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.ContinuousStream;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;
import java.util.Set;

/**
 * A Data Source V2 open-loop generator for both of Spark's streaming engines, named by this class in
 * {@code readStream().format(...)} with option {@value #RATE} (records per second). Rows are
 * {@code (intendedNanos long, value long)}: the {@link System#nanoTime()} at which each record was due, and
 * its sequence number.
 */
public final class PacedSourceProvider implements TableProvider {
    /** The option that sets the rate, records per second. */
    public static final String RATE = "rowsPerSecond";
    static final StructType SCHEMA = new StructType()
            .add("intendedNanos", DataTypes.LongType, false)
            .add("value", DataTypes.LongType, false);

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new PacedTable();
    }

    /** The generator as a table that can only be read as a stream. */
    private static final class PacedTable implements SupportsRead {
        @Override
        public String name() {
            return "paced";
        }

        @Override
        public StructType schema() {
            return SCHEMA;
        }

        @Override
        public Set<TableCapability> capabilities() {
            return Set.of(TableCapability.MICRO_BATCH_READ, TableCapability.CONTINUOUS_READ);
        }

        @Override
        public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
            long rate = options.getLong(RATE, 0);
            if (rate <= 0) {
                throw new IllegalArgumentException("option '" + RATE + "' must be a positive number of rows per second");
            }
            return () -> new PacedScan(rate);
        }
    }

    /** Reads the table as a continuous or a micro-batch stream. */
    private record PacedScan(long ratePerSecond) implements Scan {
        @Override
        public StructType readSchema() {
            return SCHEMA;
        }

        @Override
        public String description() {
            return "PacedSource[" + RATE + "=" + ratePerSecond + "]";
        }

        @Override
        public ContinuousStream toContinuousStream(String checkpointLocation) {
            return new PacedContinuousStream(ratePerSecond);
        }

        @Override
        public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
            return new PacedMicroBatchStream(ratePerSecond);
        }
    }
}
