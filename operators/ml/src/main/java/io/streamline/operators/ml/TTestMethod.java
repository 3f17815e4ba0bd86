package io.streamline.operators.ml;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two-sample t-tests of {@link StreamingTest}, as Spark's {@code StreamingTestMethod}s compute them from each
 * group's count, mean and population variance.
 */
enum TTestMethod {
    /** Welch's test: unequal variances; Welch–Satterthwaite degrees of freedom. */
    WELCH("Welch's 2-sample t-test") {
        @Override
        StreamingTestResult test(Summary a, Summary b) {
            double va = a.variance() / a.n();
            double vb = b.variance() / b.n();
            double t = (a.mean() - b.mean()) / Math.sqrt(va + vb);
            double df = (va + vb) * (va + vb) / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
            return new StreamingTestResult(TDistribution.twoSidedPValue(t, df), df, t, methodName, NULL_HYPOTHESIS);
        }
    },
    /** Student's test: equal variances pooled; {@code n1 + n2 - 2} degrees of freedom. */
    STUDENT("Student's 2-sample t-test") {
        @Override
        StreamingTestResult test(Summary a, Summary b) {
            double df = a.n() + b.n() - 2;
            double pooled = ((a.n() - 1) * a.variance() + (b.n() - 1) * b.variance()) / df;
            double t = (a.mean() - b.mean()) / Math.sqrt(pooled * (1.0 / a.n() + 1.0 / b.n()));
            return new StreamingTestResult(TDistribution.twoSidedPValue(t, df), df, t, methodName, NULL_HYPOTHESIS);
        }
    };

    static final String NULL_HYPOTHESIS = "Both groups have same mean";

    final String methodName;

    TTestMethod(String methodName) {
        this.methodName = methodName;
    }

    abstract StreamingTestResult test(Summary a, Summary b);

    static TTestMethod of(String name) {
        for (TTestMethod method : values()) {
            if (method.name().toLowerCase(Locale.ROOT).equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("Unrecognized method name " + name + ". Supported streaming test methods: "
                + String.join(", ", Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
