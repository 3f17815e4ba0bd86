package io.streamline.operators.join;

/** The kinds of stream-stream join, as Spark names them. */
public enum JoinType {
    /** Pairs of matching rows. */
    INNER,
    /** Pairs, and each left row that matched nothing, null-padded, once the watermark evicts it. */
    LEFT_OUTER,
    /** Pairs, and each right row that matched nothing, null-padded, once the watermark evicts it. */
    RIGHT_OUTER,
    /** Pairs, and the unmatched rows of both sides, null-padded, once the watermark evicts them. */
    FULL_OUTER,
    /** Each left row that matches at least one right row, once. */
    LEFT_SEMI;

    boolean padsLeft() {
        return this == LEFT_OUTER || this == FULL_OUTER;
    }

    boolean padsRight() {
        return this == RIGHT_OUTER || this == FULL_OUTER;
    }
}
