package io.streamline.engine.progress;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The progress of one committed epoch, shaped like Spark's {@code StreamingQueryProgress} plus the
 * end-to-end latency profile of the records the sinks received in the epoch.
 *
 * @param id                     the query's id
 * @param runId                  this run's id
 * @param name                   the query's name, or {@code null}
 * @param timestamp              ISO-8601 time of the commit
 * @param batchId                the committed micro-batch, or {@code null} in continuous mode
 * @param epochId                the committed epoch, or {@code null} in micro-batch mode
 * @param numInputRows           rows read by all sources in the epoch
 * @param inputRowsPerSecond     {@code numInputRows} over the epoch's span of input
 * @param processedRowsPerSecond {@code numInputRows} over the time from the epoch's start to its commit
 * @param durationMs             continuous: {@code epoch} input span, {@code commit} marker request to commit
 *                               record, {@code walCommit} the commit append; micro-batch: Spark's
 *                               {@code latestOffset, walCommit, queryPlanning, addBatch, commitOffsets, triggerExecution}
 * @param eventTime              Spark's event-time block, when the query has a watermark: {@code watermark} (the
 *                               one in force during the epoch) and the {@code min}, {@code max} and {@code avg} event
 *                               times seen, as ISO-8601 instants
 * @param latency                end-to-end latency of records delivered in the epoch
 * @param stateOperators         state size and activity per stateful operator
 * @param sources                offsets and rows per source
 * @param sink                   the sink
 */
public record StreamingQueryProgress(UUID id, UUID runId, String name, String timestamp,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Long batchId,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Long epochId,
                                     long numInputRows, double inputRowsPerSecond, double processedRowsPerSecond,
                                     Map<String, Long> durationMs,
                                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> eventTime,
                                     LatencyPercentiles latency,
                                     List<StateOperatorProgress> stateOperators, List<SourceProgress> sources,
                                     SinkProgress sink) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One stateful operator, as Spark's {@code StateOperatorProgress}: rows in its state (timers included), rows it
     * wrote, removed and dropped as late in the epoch, and {@code memoryUsedBytes}, the size of its state encoded.
     * For parallel keyed execution: {@code numInstances}, the state rows of each instance, and {@code skew}, the
     * largest instance's share of the records the operator took in the epoch (1 for one instance, {@code 1/n} for
     * keys spread evenly over {@code n}; 0 for an epoch without records).
     */
    public record StateOperatorProgress(String operatorName, long numRowsTotal, long numRowsUpdated, long numRowsRemoved,
                                        long numRowsDroppedByWatermark, long memoryUsedBytes, int numInstances,
                                        List<Long> numRowsTotalPerInstance, double skew) {
        /** One instance: its rows are the operator's, and it took every record. */
        public StateOperatorProgress(String operatorName, long numRowsTotal, long numRowsUpdated, long numRowsRemoved,
                                     long numRowsDroppedByWatermark, long memoryUsedBytes) {
            this(operatorName, numRowsTotal, numRowsUpdated, numRowsRemoved, numRowsDroppedByWatermark, memoryUsedBytes, 1,
                    List.of(numRowsTotal), 1.0);
        }
    }

    /**
     * One source's part of the epoch; offsets are JSON objects of partition to offset; {@code metrics} are the
     * source's own counters (e.g. {@code numDroppedMalformedRows} of the file sources).
     */
    public record SourceProgress(String description, String startOffset, String endOffset, long numInputRows,
                                 double inputRowsPerSecond, double processedRowsPerSecond, Map<String, String> metrics) {
    }

    /** The sink. */
    public record SinkProgress(String description) {
    }

    /** The committed epoch's or batch's id, whichever mode the query runs in. */
    @JsonIgnore
    public long commitId() {
        return batchId != null ? batchId : epochId;
    }

    /** Compact JSON. */
    public String json() {
        return write(JSON);
    }

    /** Indented JSON, as Spark prints progress. */
    public String prettyJson() {
        return write(PRETTY);
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("progress cannot be rendered as JSON", e);
        }
    }

    @Override
    public String toString() {
        return prettyJson();
    }
}
