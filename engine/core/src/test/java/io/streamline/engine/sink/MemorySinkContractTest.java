package io.streamline.engine.sink;

import io.streamline.engine.config.Options;
import io.streamline.engine.connector.SinkContext;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.Delivery;
import io.streamline.engine.contract.SinkContract;
import io.streamline.engine.operator.RecordMeta;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The sink contract for {@code memory}. Its table lives in the query's process, so the test sees it through a
 * copy the sink's process writes to a file after each commit, one file per process (the newest is read back).
 */
class MemorySinkContractTest extends SinkContract {
    private final MemoryTable<String> table = new MemoryTable<>(QUERY);
    private final String dumpName = String.format("memory-%015d-%d.txt", System.currentTimeMillis(), ProcessHandle.current().pid());

    @Override
    protected String format() {
        return "memory";
    }

    @Override
    protected StreamSink<String> sink(Path dir) {
        MemorySink<String> memory = new MemorySink<>(table);
        Path dump = dir.resolve(dumpName);
        return new StreamSink<>() {
            @Override
            public String format() {
                return memory.format();
            }

            @Override
            public String description() {
                return memory.description();
            }

            @Override
            public boolean requiresCheckpointLocation() {
                return memory.requiresCheckpointLocation();
            }

            @Override
            public SinkWriter<String> open(SinkSetup setup) {
                SinkWriter<String> writer = memory.open(setup);
                return new SinkWriter<>() {
                    @Override
                    public void write(String value, RecordMeta meta) {
                        writer.write(value, meta);
                    }

                    @Override
                    public EpochOutput prepare(long epoch) {
                        EpochOutput output = writer.prepare(epoch);
                        return new EpochOutput() {
                            @Override
                            public String persist() throws Exception {
                                return output.persist();
                            }

                            @Override
                            public void commit() throws Exception {
                                output.commit();
                                Path staged = dump.resolveSibling("." + dumpName);
                                Files.writeString(staged, String.join("\n", table.rows()), StandardCharsets.UTF_8);
                                Files.move(staged, dump, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                            }
                        };
                    }
                };
            }
        };
    }

    @Override
    protected List<Long> readBack(Path dir) throws Exception {
        List<Path> dumps;
        try (Stream<Path> files = Files.list(dir)) {
            dumps = files.filter(p -> p.getFileName().toString().startsWith("memory-")).sorted().collect(Collectors.toList());
        }
        List<Long> keys = new ArrayList<>();
        if (!dumps.isEmpty()) {
            for (String line : Files.readAllLines(dumps.get(dumps.size() - 1), StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    keys.add(Long.parseLong(line));
                }
            }
        }
        return keys;
    }

    /** Continuous: a replayed epoch's rows are added again; micro-batch: a batch already applied is skipped. */
    @Override
    protected Delivery delivery(boolean microBatch) {
        return microBatch ? Delivery.EXACTLY_ONCE : Delivery.AT_LEAST_ONCE;
    }

    @Override
    protected boolean outputSurvivesTheProcess() {
        return false;
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(new BadOption("queryName", "must be set", () -> new MemorySink.Provider()
                .create(new Options("sink 'memory'", Map.of()), new SinkContext(null, name -> new MemoryTable<>(name)))));
    }
}
