package io.streamline.bench.startup;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a thread's time goes while it runs {@code start()}: samples its stack every millisecond and files each
 * sample under the first category (in the order of {@link Category}) that one of its frames belongs to. Sampling
 * takes safepoints, so it slows what it measures: the shares are the result, not the absolute times.
 */
final class StartSampler {
    /** What a sample is spent on, tested in this order. */
    enum Category {
        CHRONICLE("Chronicle Queue (first use in the JVM: class init, native POSIX binding; then opening queues)", "net.openhft."),
        JACKSON("Jackson (first ObjectMapper)", "com.fasterxml."),
        METADATA("checkpoint metadata file (written, forced to disk, renamed)", "io.streamline.journal.QueryMetadata"),
        FINGERPRINT("pipeline fingerprint (SHA-256)", "io.streamline.engine.plan.LogicalPlan.fingerprint", "java.security."),
        THREADS("starting threads", "java.lang.Thread.start"),
        LINKING("class loading, lambdas and string concatenation bootstraps", "java.lang.ClassLoader.loadClass",
                "java.lang.invoke.", "jdk.internal.loader."),
        OTHER("the engine's own planning and everything else");

        private final String description;
        private final String[] framePrefixes;

        Category(String description, String... framePrefixes) {
            this.description = description;
            this.framePrefixes = framePrefixes;
        }

        boolean matches(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) {
                String name = frame.getClassName() + "." + frame.getMethodName();
                for (String prefix : framePrefixes) {
                    if (name.startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return framePrefixes.length == 0;
        }
    }

    private final Thread target;
    private final Thread sampler;
    private final Map<Category, Integer> samples = new LinkedHashMap<>();
    private volatile boolean running = true;

    private StartSampler(Thread target) {
        this.target = target;
        this.sampler = new Thread(this::run, "start-sampler");
        sampler.setDaemon(true);
    }

    static StartSampler sample(Thread target) {
        StartSampler s = new StartSampler(target);
        s.sampler.start();
        return s;
    }

    private void run() {
        while (running) {
            StackTraceElement[] stack = target.getStackTrace();
            for (Category category : Category.values()) {
                if (category.matches(stack)) {
                    synchronized (samples) {
                        samples.merge(category, 1, Integer::sum);
                    }
                    break;
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
    }

    /** One line per category: its share of the samples. */
    void print(PrintStream out) {
        int total = samples.values().stream().mapToInt(Integer::intValue).sum();
        for (Category category : Category.values()) {
            int n = samples.getOrDefault(category, 0);
            out.printf("profile: %5.1f%% %s%n", 100.0 * n / Math.max(1, total), category.description);
        }
        out.println("profile: " + total + " samples");
    }
}
