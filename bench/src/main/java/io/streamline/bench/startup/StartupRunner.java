package io.streamline.bench.startup;

import io.streamline.bench.Usage;
import io.streamline.engine.ModuleFlags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run.sh --startup}: how long the main job's pipeline takes to start, as a user meets it. Each run
 * starts a fresh JVM ({@link StartupProbe}) on a new checkpoint, then a second fresh JVM on the checkpoint the
 * first left (a restart, which recovers state and offsets before starting); prints the median and range of each
 * phase over the runs, and with {@code --profile} where one more new-checkpoint start spends its time.
 */
public final class StartupRunner {

    private static final List<String> PHASES = List.of("jvmToMain", "create", "start", "firstRecord", "firstCommit", "stop");

    private StartupRunner() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = i + 1 < args.length ? positive(args[++i]) : fail("--runs needs a value");
                case "--profile" -> profile = true;
                case "--help", "-h" -> {
                    System.out.println(Usage.text());
                    System.exit(0);
                }
                default -> fail("unknown option '" + args[i] + "'; accepted: --runs, --profile");
            }
        }
        String loadBefore = loadAverage();
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        results.put("new checkpoint", new ArrayList<>());
        results.put("restart", new ArrayList<>());
        Path dir = Files.createTempDirectory("streamline-startup-");
        try {
            for (int run = 0; run < runs; run++) {
                Path checkpoint = dir.resolve("run-" + run);
                results.get("new checkpoint").add(parse(probe(checkpoint, false)));
                results.get("restart").add(parse(probe(checkpoint, false)));
            }
            String profiled = profile ? probe(dir.resolve("profiled"), true) : "";
            print(runs, results, loadBefore);
            profiled.lines().filter(l -> l.startsWith("profile:")).forEach(System.out::println);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Runs one probe JVM with the engine's module flags; returns its output. */
    private static String probe(Path checkpoint, boolean profile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ModuleFlags.lines());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupProbe.class.getName(), checkpoint.toString()));
        if (profile) {
            command.add("--profile");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || !output.contains(StartupProbe.RESULT)) {
            throw new IllegalStateException("the start-up probe failed:\n" + output);
        }
        return output;
    }

    private static Map<String, Double> parse(String output) {
        String line = output.lines().filter(l -> l.startsWith(StartupProbe.RESULT)).findFirst().orElseThrow();
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String field : line.substring(StartupProbe.RESULT.length()).trim().split(" ")) {
            String[] kv = field.split("=");
            phases.put(kv[0], Double.parseDouble(kv[1]));
        }
        return phases;
    }

    private static void print(int runs, Map<String, List<Map<String, Double>>> results, String loadBefore) {
        System.out.println("Start-up of the main job's pipeline (rate -> filter -> keyed count, continuous), each in a fresh JVM;");
        System.out.println("median [min-max] of " + runs + " runs, ms. start = the start() call; firstRecord, firstCommit: from the call");
        System.out.printf("%-15s", "");
        PHASES.forEach(p -> System.out.printf(" %19s", p));
        System.out.println();
        results.forEach((kind, rows) -> {
            System.out.printf("%-15s", kind);
            for (String phase : PHASES) {
                double[] v = rows.stream().mapToDouble(r -> r.get(phase)).sorted().toArray();
                System.out.printf(" %19s", String.format("%.0f [%.0f-%.0f]", v[v.length / 2], v[0], v[v.length - 1]));
            }
            System.out.println();
        });
        System.out.println("load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage()
                + " (2 cores; other sessions' builds slow every phase)");
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return fail("--runs: expected a positive integer, got '" + text + "'");
    }

    private static int fail(String message) {
        System.err.println("error: " + message);
        System.err.println(Usage.text());
        System.exit(2);
        return 0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
