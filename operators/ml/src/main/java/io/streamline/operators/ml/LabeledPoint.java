package io.streamline.operators.ml;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A training example, as MLlib's {@code LabeledPoint}: a label (the target value; 0 or 1 for logistic regression)
 * and a feature vector. The array is not copied: do not change it after creating the point.
 */
public record LabeledPoint(double label, double[] features) implements Serializable {
    public LabeledPoint {
        if (features == null) {
            throw new IllegalArgumentException("a LabeledPoint needs a feature vector, got null");
        }
    }

    /** A point from a label and its features. */
    public static LabeledPoint of(double label, double... features) {
        return new LabeledPoint(label, features);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledPoint p && Double.compare(p.label, label) == 0 && Arrays.equals(p.features, features);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(label) + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "(" + label + "," + Arrays.toString(features) + ")";
    }
}
