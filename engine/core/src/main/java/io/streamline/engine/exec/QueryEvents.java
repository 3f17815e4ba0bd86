package io.streamline.engine.exec;

import io.streamline.engine.StreamingQuery;
import io.streamline.engine.progress.StreamingQueryProgress;

/** What a running query tells its engine. Called from query threads; implementations must not block. */
public interface QueryEvents {
    /** {@code query} committed an epoch or batch. */
    void progress(StreamingQuery query, StreamingQueryProgress progress);

    /** {@code query} has terminated (stopped or failed). */
    void terminated(StreamingQuery query);
}
