package io.streamline.engine;

/** Why a query stopped with an error; the cause is what a user function, source or sink threw. */
public final class StreamingQueryException extends Exception {
    private final String queryName;

    /**
     * @param queryName the query's name or id
     * @param cause     what failed
     */
    public StreamingQueryException(String queryName, Throwable cause) {
        super("Query " + queryName + " terminated with exception: " + cause, cause);
        this.queryName = queryName;
    }

    /** The failed query's name or id. */
    public String queryName() {
        return queryName;
    }
}
