package io.streamline.operators.ml;

import java.io.Serializable;

/** One observation of an A/B test, as MLlib's {@code BinarySample}: its group (true = experiment) and its value. */
public record BinarySample(boolean isExperiment, double value) implements Serializable {
}
