package io.streamline.operators.join;

import io.streamline.engine.DataStream;
import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.Trigger;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream-static joins: inner and left outer against a table from a collection, a CSV file or a JSON-lines file. */
class StaticTableTest extends EngineTestSupport {
    record Click(String ad, int n) {
    }

    record AdInfo(String ad, String owner) {
    }

    private <R> List<R> run(String mode, List<Click> clicks, Function<DataStream<Click>, DataStream<R>> join) throws Exception {
        MemoryStream<Click> input = new MemoryStream<>("clicks");
        List<R> rows = new CopyOnWriteArrayList<>();
        StreamingQuery query = join.apply(engine.readStream(input)).writeStream().foreachBatch((batch, id) -> rows.addAll(batch))
                .option("checkpointLocation", Files.createTempDirectory(dir, "cp").toString())
                .trigger(mode.equals("continuous") ? Trigger.continuous(Duration.ofHours(1)) : Trigger.processingTime(10)).start();
        input.addData(clicks.toArray(Click[]::new));
        query.processAllAvailable();
        query.stop();
        return rows;
    }

    private static final List<Click> CLICKS = List.of(new Click("a", 1), new Click("x", 2), new Click("b", 3));
    private static final StaticTable<String, AdInfo> ADS = StaticTable.of(
            List.of(new AdInfo("a", "ann"), new AdInfo("b", "bob"), new AdInfo("b", "bea")), AdInfo::ad);

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void innerJoinPairsEachStreamRowWithEveryTableRowOfItsKey(String mode) throws Exception {
        assertThat(run(mode, CLICKS, s -> s.via(ADS.innerJoin(Click::ad)))).containsExactly(
                new Joined<>(new Click("a", 1), new AdInfo("a", "ann")), new Joined<>(new Click("b", 3), new AdInfo("b", "bob")),
                new Joined<>(new Click("b", 3), new AdInfo("b", "bea")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuous", "microbatch"})
    void leftOuterJoinKeepsAStreamRowWithoutAMatch(String mode) throws Exception {
        assertThat(run(mode, CLICKS, s -> s.via(ADS.leftOuterJoin(Click::ad)))).containsExactly(
                new Joined<>(new Click("a", 1), new AdInfo("a", "ann")), new Joined<>(new Click("x", 2), null),
                new Joined<>(new Click("b", 3), new AdInfo("b", "bob")), new Joined<>(new Click("b", 3), new AdInfo("b", "bea")));
    }

    @Test
    void tablesLoadFromCsvAndJsonFilesWhenTheQueryStarts() throws Exception {
        Path csv = dir.resolve("ads.csv");
        Path json = dir.resolve("ads.json");
        StaticTable<String, Map<String, String>> fromCsv = StaticTable.csv(csv, "ad");
        StaticTable<String, Map<String, Object>> fromJson = StaticTable.json(json, "ad");
        Files.writeString(csv, "ad,owner\na,ann\nb,bob\n"); // written after the table was defined: read at start
        Files.writeString(json, "{\"ad\":\"a\",\"budget\":5}\n{\"ad\":\"b\",\"budget\":7}\n");
        assertThat(run("microbatch", CLICKS, s -> s.via(fromCsv.innerJoin(Click::ad)).map(j -> j.right().get("owner"))))
                .containsExactly("ann", "bob");
        assertThat(run("continuous", CLICKS, s -> s.via(fromJson.leftOuterJoin(Click::ad))
                .map(j -> j.right() == null ? "none" : j.right().get("budget").toString()))).containsExactly("5", "none", "7");
    }

    @Test
    void aBadTableFileFailsTheStartNamingTheProblem() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "id,owner\na,ann\n");
        assertThatThrownBy(() -> run("microbatch", CLICKS, s -> s.via(StaticTable.csv(csv, "ad").innerJoin(Click::ad))))
                .hasStackTraceContaining("has no key column 'ad'; its columns are [id, owner]");
        assertThatThrownBy(() -> run("microbatch", CLICKS, s -> s.via(StaticTable.json(dir.resolve("missing.json"), "ad")
                .innerJoin(Click::ad)))).hasStackTraceContaining("cannot be read");
    }
}
