package io.streamline.examples;

import io.streamline.engine.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples run as the README says, each in a JVM of its own with a temp directory of its own, stop by
 * themselves with status 0 and leave that directory empty: what they and the engine created there is deleted.
 */
class ExamplesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void shouldRunTheMainJobAndLeaveNoTemporaryDirectory() throws Exception {
        String output = run(RateLatency.class, "--seconds", "3", "--rate", "10000");
        assertThat(output).contains("p50 .. max end-to-end latency").contains("Keys counted: 990")
                .containsPattern("Last committed epoch: \\d+");
    }

    @Test
    void shouldPrintTheMainJobsSummaryWhenStoppedLikeCtrlC() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp-stopped"));
        try (ChildJvm child = ChildJvm.start(RateLatency.class, dir.resolve("stopped.log"),
                List.of("-Djava.io.tmpdir=" + tmp), "--seconds", "600", "--rate", "10000")) {
            child.await("a first progress line", DEADLINE, () -> child.output().lines().anyMatch(l -> l.matches("\\d+ .*")));
            child.terminate();
            child.await("the main job stops", DEADLINE, () -> !child.isAlive());
            assertThat(child.output()).containsPattern("(After warm-up|All \\(stopped during warm-up\\)): \\d+ records")
                    .containsPattern("Last committed epoch: \\d+");
            assertThat(tmp).as("its temporary checkpoint is deleted").isEmptyDirectory();
        }
    }

    @Test
    void shouldRunTheFileJournalAndForeachBatchExamplesAndLeaveNoTemporaryDirectory() throws Exception {
        assertThat(run(FileToFile.class)).contains("sensor,celsius\nt0,31\nt1,32\ns2,35\nt2,33");
        assertThat(run(JournalChain.class, "--seconds", "2")).containsPattern("consumer read \\d+ events");
        assertThat(run(IdempotentForeachBatch.class)).contains("batch-2.txt: the=1 question=1");
    }

    @Test
    void shouldCountWordsInEventTimeWindowsInEveryOutputModeAndJoinClicks() throws Exception {
        String output = run(WindowedWordCount.class);
        String append = output.substring(output.indexOf("outputMode(\"append\")"), output.indexOf("outputMode(\"update\")"));
        assertThat(append).as("append: each window once, when the watermark passed its end")
                .containsOnlyOnce("|[12:00, 12:10)| owl|    2|").containsOnlyOnce("|[12:05, 12:15)| owl|    4|")
                .doesNotContain("donkey").contains("rows dropped as late: 2");
        assertThat(output.substring(output.indexOf("outputMode(\"complete\")"))).contains("|[11:55, 12:05)|donkey|    1|");
        assertThat(output).contains("|[12:07, 12:14)| cat|    2|").contains("ad1 shown to ann at 12:00: clicked at 12:04")
                .contains("ad2 shown to bob at 12:01: not clicked");
    }

    @Test
    void shouldCountSocketWordsForTheSecondsAskedAndLeaveNoTemporaryDirectory() throws Exception {
        try (PublishData publisher = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "50"))) {
            String output = run(SocketWordCount.class, "localhost", Integer.toString(publisher.port()), "--seconds", "3");
            assertThat(output).contains("connected to localhost:" + publisher.port()).contains("Epoch: ")
                    .contains("SocketWordCount: stopping after 3 s (--seconds)");
        }
    }

    @Test
    void shouldCountEachBatchsWordsWithTheDStreamApi() throws Exception {
        try (PublishData publisher = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "50"))) {
            String output = run(NetworkWordCount.class, "localhost", Integer.toString(publisher.port()), "--seconds", "4");
            assertThat(output).contains("-------------------------------------------\nTime: ").containsPattern("\\n\\([a-z]+,\\d+\\)\\n")
                    .contains("NetworkWordCount: stopping after 4 s (--seconds)");
        }
    }

    @Test
    void shouldResumeTheStatefulDStreamWordCountFromItsCheckpoint() throws Exception {
        String checkpoint = dir.resolve("dstream-checkpoint").toString();
        try (PublishData publisher = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "50"))) {
            String port = Integer.toString(publisher.port());
            String first = run(StatefulNetworkWordCount.class, "localhost", port, checkpoint, "--seconds", "4");
            assertThat(first).contains("new checkpoint in " + checkpoint).contains("Time: ").containsPattern("\\n\\([a-z]+,\\d+\\)\\n")
                    .contains("StatefulNetworkWordCount: stopping after 4 s (--seconds)");
            String second = run(StatefulNetworkWordCount.class, "localhost", port, checkpoint, "--seconds", "4");
            assertThat(second).contains("resuming from the checkpoint in " + checkpoint).contains("Time: ");
            assertThat(largestTotal(second)).as("the totals continue from the first run's").isGreaterThan(largestTotal(first));
        }
    }

    /** The largest {@code (word,count)} count an output printed. */
    private static int largestTotal(String output) {
        return java.util.regex.Pattern.compile("\\n\\([a-z]+,(\\d+)\\)\\n").matcher(output).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
    }

    @Test
    void shouldCountTheWordsOfTheLastTenSecondsBothWaysAndAgree() throws Exception {
        try (PublishData publisher = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "50"))) {
            String output = run(WindowedNetworkWordCount.class, "localhost", Integer.toString(publisher.port()), "--seconds", "5");
            assertThat(output).containsPattern("10 s window up to \\d+ ms: [1-9]\\d* distinct words, incremental and recomputed counts agree")
                    .doesNotContain("DIFFER").contains("WindowedNetworkWordCount: stopping after 5 s (--seconds)");
        }
    }

    @Test
    void shouldDropTheBlacklistedWordsOfEveryBatch() throws Exception {
        try (PublishData publisher = PublishData.start(PublishData.Settings.parse("--port", "0", "--rate", "50"))) {
            String output = run(BlacklistNetworkWordCount.class, "localhost", Integer.toString(publisher.port()), "--seconds", "4");
            assertThat(output).containsPattern("\\n\\([a-z]+,\\d+\\)\\n").doesNotContainPattern("\\n\\((spark|thread|task),\\d+\\)\\n")
                    .containsPattern("dropped at \\d+ ms: \\[.*\\(spark,\\(\\d+,another engine\\)\\)")
                    .contains("BlacklistNetworkWordCount: stopping after 4 s (--seconds)");
        }
    }

    @Test
    void shouldRunTheMachineLearningExamplesAndLeaveNoTemporaryDirectory() throws Exception {
        String drift = run(StreamingKMeansDrift.class);
        java.util.regex.Matcher jump = java.util.regex.Pattern.compile(
                "mean distance to the true center: decay 1 ([0-9.]+), decay 0.5 ([0-9.]+)").matcher(drift);
        java.util.regex.Matcher still = java.util.regex.Pattern.compile(
                "mean movement per batch: decay 1 ([0-9.]+), decay 0.5 ([0-9.]+)").matcher(drift);
        assertThat(jump.find() && still.find()).as(drift).isTrue();
        assertThat(Double.parseDouble(jump.group(2))).as("decay 0.5 learns faster").isLessThan(Double.parseDouble(jump.group(1)));
        assertThat(Double.parseDouble(still.group(2))).as("and oscillates more").isGreaterThan(Double.parseDouble(still.group(1)));

        assertThat(run(ABTest.class)).contains("batches 1-3: peace period, no test")
                .contains("Welch's 2-sample t-test, null hypothesis: Both groups have same mean")
                .contains("significant (p < 0.05) from batch 8");

        for (String model : List.of("onnx", "logistic")) {
            assertThat(run(FraudDetection.class, "--seconds", "3", "--rate", "5000", "--model", model, "--retrain-seconds", "1"))
                    .contains("Alert latency, from a transaction entering the engine to its alert in the sink")
                    .containsPattern("Alerts: [1-9]\\d*, of which fraud: [1-9]\\d*");
        }
        assertThat(run(FraudDetection.class, "--seconds", "3", "--rate", "5000", "--model", "logistic", "--update", "online",
                "--retrain-seconds", "1")).containsPattern("Alerts: [1-9]\\d*, of which fraud: [1-9]\\d*");
    }

    @Test
    void shouldDeleteTheTemporaryCheckpointOfAFailedStart() throws Exception {
        assertThat(run(FailingStarts.class).lines().filter(l -> l.startsWith("start failed: ")).toList()).satisfiesExactly(
                duplicate -> assertThat(duplicate).startsWith("start failed: Cannot start query with name taken"),
                unopenable -> assertThat(unopenable).isEqualTo("start failed: this source cannot open"));
    }

    /** Runs {@code example} to its end in a child JVM whose temp directory is checked empty afterwards. */
    private String run(Class<?> example, String... args) throws Exception {
        return ExampleJvm.run(dir, example, args);
    }
}
