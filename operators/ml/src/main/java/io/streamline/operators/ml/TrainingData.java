package io.streamline.operators.ml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Static data sets for offline training ({@code train(...)} of the algorithms, outside any stream): every
 * {@code .csv} file of a directory, in name order, one example per line of comma-separated numbers. A first line
 * that is not numeric is taken as a header and skipped; blank lines are skipped. A line with a value that is not a
 * number fails, naming the file, the line and the value.
 */
public final class TrainingData {
    private TrainingData() {
    }

    /** Labelled points: the first column is the label, the others the features. */
    public static List<LabeledPoint> labeledPoints(Path directory) throws IOException {
        List<LabeledPoint> points = new ArrayList<>();
        for (double[] row : rows(directory)) {
            if (row.length < 2) {
                throw new IllegalArgumentException(directory + ": a labelled point needs a label and at least one"
                        + " feature per line, got " + row.length + " value(s)");
            }
            points.add(new LabeledPoint(row[0], java.util.Arrays.copyOfRange(row, 1, row.length)));
        }
        return points;
    }

    /** Vectors (e.g. k-means points): every column is a coordinate. */
    public static List<double[]> vectors(Path directory) throws IOException {
        return rows(directory);
    }

    private static List<double[]> rows(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a directory; a directory of .csv files is expected");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        List<double[]> rows = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || i == 0 && !line.isEmpty() && !Character.isDigit(line.charAt(0))
                        && "-+.".indexOf(line.charAt(0)) < 0) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] row = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    try {
                        row[c] = Double.parseDouble(cells[c].strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + cells[c].strip()
                                + "' is not a number; lines of comma-separated numbers are expected");
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
