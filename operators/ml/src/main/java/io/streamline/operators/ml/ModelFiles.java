package io.streamline.operators.ml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The file format of this module's models, a small versioned text format (UTF-8, one {@code name values...} entry
 * per line, numbers as Java writes doubles, so a model reads back exactly):
 *
 * <pre>
 * streamline-model 1
 * type kmeans                         (or linear-regression, logistic-regression)
 * kmeans:    dimension D, then one "center WEIGHT X1 ... XD" line per cluster
 * linear:    weights W1 ... WN, intercept B; logistic also threshold T (or "none" when cleared)
 * </pre>
 *
 * Lines starting with {@code #} are comments. A reader refuses a version it does not know, naming the file.
 */
public final class ModelFiles {
    /** The format version written and the only one read. */
    public static final int VERSION = 1;
    private static final String MAGIC = "streamline-model";

    private ModelFiles() {
    }

    /** Writes {@code model} (a {@link KMeansModel} or {@link GeneralizedLinearModel}) to {@code path}. */
    public static void save(Object model, Path path) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(MAGIC + " " + VERSION);
        if (model instanceof KMeansModel kmeans) {
            lines.add("type kmeans");
            lines.add("dimension " + kmeans.dimension());
            for (int c = 0; c < kmeans.k(); c++) {
                StringJoiner line = new StringJoiner(" ").add("center").add(Double.toString(kmeans.weight(c)));
                for (int d = 0; d < kmeans.dimension(); d++) {
                    line.add(Double.toString(kmeans.center(c, d)));
                }
                lines.add(line.toString());
            }
        } else if (model instanceof GeneralizedLinearModel linear) {
            lines.add("type " + (linear instanceof LogisticRegressionModel ? "logistic-regression" : "linear-regression"));
            StringJoiner weights = new StringJoiner(" ").add("weights");
            for (int d = 0; d < linear.numFeatures(); d++) {
                weights.add(Double.toString(linear.weight(d)));
            }
            lines.add(weights.toString());
            lines.add("intercept " + linear.intercept());
            if (linear instanceof LogisticRegressionModel logistic) {
                lines.add("threshold " + (Double.isNaN(logistic.threshold()) ? "none" : Double.toString(logistic.threshold())));
            }
        } else {
            throw new IllegalArgumentException("cannot save a " + (model == null ? "null" : model.getClass().getName())
                    + "; saved are KMeansModel, LinearRegressionModel and LogisticRegressionModel");
        }
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staged = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
        Files.write(staged, lines, StandardCharsets.UTF_8);
        Files.move(staged, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the model in {@code path}, which must be of {@code type}. */
    public static <M> M load(Path path, Class<M> type) throws IOException {
        return cast(load(path), path.toString(), type);
    }

    /** Reads the model in {@code path}. */
    public static Object load(Path path) throws IOException {
        return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * Reads a model of {@code type} from {@code in} (e.g. a class-path resource), which is read to its end but not
     * closed; {@code name} says where it came from in messages.
     */
    public static <M> M load(InputStream in, String name, Class<M> type) throws IOException {
        return cast(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), name), name, type);
    }

    private static <M> M cast(Object model, String name, Class<M> type) {
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException(name + " holds a " + model.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(model);
    }

    private static Object parse(List<String> text, String path) {
        List<String> lines = text.stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith(MAGIC + " ")) {
            throw bad(path, "the first line must be '" + MAGIC + " " + VERSION + "'");
        }
        String version = lines.get(0).substring(MAGIC.length() + 1).strip();
        if (!version.equals(String.valueOf(VERSION))) {
            throw bad(path, "format version " + version + " is not supported; this build reads version " + VERSION);
        }
        Map<String, String[]> entries = new LinkedHashMap<>();
        List<String[]> centers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\\s+");
            if (parts[0].equals("center")) {
                centers.add(parts);
            } else {
                entries.put(parts[0], parts);
            }
        }
        String type = single(path, entries, "type");
        try {
            switch (type) {
                case "kmeans" -> {
                    int dim = Integer.parseInt(single(path, entries, "dimension"));
                    if (centers.isEmpty()) {
                        throw bad(path, "a kmeans model needs at least one 'center' line");
                    }
                    double[][] c = new double[centers.size()][];
                    double[] w = new double[centers.size()];
                    for (int i = 0; i < centers.size(); i++) {
                        String[] parts = centers.get(i);
                        if (parts.length != dim + 2) {
                            throw bad(path, "center line " + i + " has " + (parts.length - 2) + " coordinates, dimension is " + dim);
                        }
                        w[i] = Double.parseDouble(parts[1]);
                        c[i] = numbers(parts, 2);
                    }
                    return new KMeansModel(c, w);
                }
                case "linear-regression", "logistic-regression" -> {
                    String[] weights = entries.get("weights");
                    if (weights == null || weights.length < 2) {
                        throw bad(path, "a linear model needs a 'weights' line with at least one number");
                    }
                    double intercept = Double.parseDouble(single(path, entries, "intercept"));
                    if (type.equals("linear-regression")) {
                        return new LinearRegressionModel(numbers(weights, 1), intercept);
                    }
                    LogisticRegressionModel model = new LogisticRegressionModel(numbers(weights, 1), intercept);
                    String threshold = single(path, entries, "threshold");
                    return threshold.equals("none") ? model.clearThreshold() : model.withThreshold(Double.parseDouble(threshold));
                }
                default -> throw bad(path, "unknown model type '" + type
                        + "'; known: kmeans, linear-regression, logistic-regression");
            }
        } catch (NumberFormatException e) {
            throw bad(path, "a value is not a number (" + e.getMessage() + ")");
        }
    }

    private static double[] numbers(String[] parts, int from) {
        double[] values = new double[parts.length - from];
        for (int i = from; i < parts.length; i++) {
            values[i - from] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    private static String single(String path, Map<String, String[]> entries, String name) {
        String[] parts = entries.get(name);
        if (parts == null || parts.length != 2) {
            throw bad(path, "expected one line '" + name + " VALUE'");
        }
        return parts[1];
    }

    private static IllegalArgumentException bad(String path, String problem) {
        return new IllegalArgumentException("not a streamline model file: " + path + ": " + problem);
    }
}
