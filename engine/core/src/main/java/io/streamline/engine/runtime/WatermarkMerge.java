package io.streamline.engine.runtime;

import io.streamline.engine.operator.Watermarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a fan-in combines the watermarks its inputs' markers carry. Inputs are grouped by the plan node they are
 * instances of. Within a group of {@code withWatermark} instances the largest counts, as in Spark, whose
 * watermark is the maximum event time seen over all partitions minus the delay; within any other group (e.g.
 * the partitions of a source that emits watermarks of its own) the smallest counts, since each partition
 * promises only its own progress, and idle partitions are left out. Across groups (a union, the two sides of a
 * join) the smallest counts, Spark's {@code multipleWatermarkPolicy=min}, leaving out streams without a
 * watermark. Built while the query is planned, read-only once records flow.
 */
public final class WatermarkMerge {
    private final List<Object> groups = new ArrayList<>();
    private final List<Boolean> maxWithinGroup = new ArrayList<>();
    private int[] groupOf = new int[0];
    private int[] sideOf = new int[0];

    /**
     * Registers one more input, while the query is planned (before anything flows).
     *
     * @param group what it is an instance of (inputs with an equal group are instances of one plan node)
     * @param max   whether that node's instances combine by the largest watermark (a {@code withWatermark})
     * @param side  0, or 1 for the second input of a two-input operator
     * @return the input's index
     */
    public int addInput(Object group, boolean max, int side) {
        int g = groups.indexOf(group);
        if (g < 0) {
            g = groups.size();
            groups.add(group);
            maxWithinGroup.add(max);
        }
        int index = groupOf.length;
        groupOf = Arrays.copyOf(groupOf, index + 1);
        sideOf = Arrays.copyOf(sideOf, index + 1);
        groupOf[index] = g;
        sideOf[index] = side;
        return index;
    }

    /** The number of inputs. */
    public int inputs() {
        return groupOf.length;
    }

    /** The combined watermark of every input. */
    public long merge(long[] watermarks) {
        return merge(watermarks, -1);
    }

    /** The combined watermark of the inputs of {@code side} (0 or 1), or of every input if {@code side} is -1. */
    public long merge(long[] watermarks, int side) {
        long min = Long.MAX_VALUE;
        boolean anyTime = false;
        boolean anyNone = false;
        boolean anyIdle = false;
        for (int group = 0; group < groups.size(); group++) {
            boolean max = maxWithinGroup.get(group);
            long value = max ? Watermarks.NONE : Long.MAX_VALUE;
            int members = 0;
            int idle = 0;
            for (int i = 0; i < groupOf.length; i++) {
                if (groupOf[i] == group && (side < 0 || sideOf[i] == side)) {
                    members++;
                    if (watermarks[i] == Watermarks.IDLE) {
                        idle++;
                    } else {
                        value = max ? Math.max(value, watermarks[i]) : Math.min(value, watermarks[i]);
                    }
                }
            }
            if (members == 0) {
                continue;
            }
            if (idle == members) {
                anyIdle = true;
            } else if (value == Watermarks.NONE) {
                anyNone = true; // a stream without a watermark does not hold the others back
            } else {
                anyTime = true;
                min = Math.min(min, value);
            }
        }
        return anyTime ? min : anyNone || !anyIdle ? Watermarks.NONE : Watermarks.IDLE;
    }
}
