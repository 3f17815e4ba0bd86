package io.streamline.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HdrHistogram percentile distribution ({@code Histogram.outputPercentileDistribution}), the
 * {@code .hgrm} format both the engine's runner and the peer runners write: a header, one line per step
 * {@code value percentile totalCount 1/(1-percentile)}, and {@code #[...]} summary lines.
 */
public final class HgrmFile {
    private HgrmFile() {
    }

    /** One step of the distribution: {@code percentile} (a fraction, 0..1) of the values are at most {@code value}. */
    public record Point(double value, double percentile) {
    }

    /** The steps of {@code file}, in file order (ascending percentile). */
    public static List<Point> read(Path file) throws IOException {
        List<Point> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("Value")) {
                continue;
            }
            String[] columns = trimmed.split("\\s+");
            try {
                points.add(new Point(Double.parseDouble(columns[0]), Double.parseDouble(columns[1])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ": not a percentile distribution line: '" + line + "'", e);
            }
        }
        if (points.isEmpty()) {
            throw new IOException(file + ": no percentile distribution lines");
        }
        return points;
    }
}
