package io.streamline.operators.join;

import java.io.Serializable;

/**
 * A row of a join: the left and right rows that matched. In an outer join the side without a match is {@code null}.
 *
 * @param left  the left row, or {@code null} (a right or full outer join's unmatched right row)
 * @param right the right row, or {@code null} (a left or full outer join's unmatched left row)
 */
public record Joined<L, R>(L left, R right) implements Serializable {
}
