package io.streamline.operators.ml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Offline training from a directory of CSV files, outside any stream. */
class TrainingDataTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryCsvFileInNameOrderAndTrainsOnIt() throws Exception {
        Files.writeString(dir.resolve("b.csv"), "4,2\n");
        Files.writeString(dir.resolve("a.csv"), "label,x\n2,1\n\n");
        Files.writeString(dir.resolve("notes.txt"), "not data");
        List<LabeledPoint> points = TrainingData.labeledPoints(dir);
        assertThat(points).containsExactly(LabeledPoint.of(2, 1), LabeledPoint.of(4, 2));
        // the points of GradientDescentTest: one iteration gives 0.5
        LinearRegressionModel model = new StreamingLinearRegressionWithSGD().setNumIterations(1)
                .setInitialWeights(new double[]{0}).train(points);
        assertThat(model.weight(0)).isCloseTo(0.5, within(1e-12));

        Files.writeString(dir.resolve("c.csv"), "-1.5,3\n");
        assertThat(TrainingData.vectors(dir)).hasSize(3).last().isEqualTo(new double[]{-1.5, 3});
    }

    @Test
    void aValueThatIsNotANumberIsNamedWithItsFileAndLine() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "1,2\n3,x\n");
        assertThatThrownBy(() -> TrainingData.labeledPoints(dir)).hasMessageContaining("a.csv line 2: 'x' is not a number");
        assertThatThrownBy(() -> TrainingData.vectors(dir.resolve("a.csv"))).hasMessageContaining("is not a directory");
    }
}
