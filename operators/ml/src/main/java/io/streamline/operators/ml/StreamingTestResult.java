package io.streamline.operators.ml;

import java.io.Serializable;

/**
 * The outcome of one batch's significance test, as MLlib's {@code StreamingTestResult}.
 *
 * @param pValue           two-sided p-value of the null hypothesis
 * @param degreesOfFreedom degrees of freedom of the t distribution the p-value comes from
 * @param statistic        the t statistic, {@code (mean(control) - mean(experiment)) / standard error}
 * @param method           {@code "Welch's 2-sample t-test"} or {@code "Student's 2-sample t-test"}
 * @param nullHypothesis   {@code "Both groups have same mean"}
 */
public record StreamingTestResult(double pValue, double degreesOfFreedom, double statistic, String method,
                                  String nullHypothesis) implements Serializable {
}
