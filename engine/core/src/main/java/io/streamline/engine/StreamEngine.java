package io.streamline.engine;

import io.streamline.engine.config.EngineConfig;
import io.streamline.engine.config.IdleMode;
import io.streamline.engine.exec.QueryExecution;
import io.streamline.engine.exec.QueryDefinition;
import io.streamline.engine.exec.ResolvedQuery;
import io.streamline.engine.exec.WarmUp;
import io.streamline.engine.ext.EngineExtensions;
import io.streamline.engine.ext.ExtensionRequest;
import io.streamline.engine.ext.UiSettings;
import io.streamline.engine.plan.SourceNode;
import io.streamline.engine.sink.MemoryTable;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.StreamSource;
import io.streamline.journal.JournalSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point, like Spark's {@code SparkSession}: reads streams, starts queries, manages them.
 *
 * <pre>{@code
 * StreamEngine engine = StreamEngine.create();
 * StreamingQuery q = engine.readStream().format("rate").option("rowsPerSecond", 1000).<RateRow>load()
 *     .groupByKey(r -> r.value() % 10).count()
 *     .writeStream().format("console").outputMode("update").trigger(Trigger.continuous("1 second"))
 *     .start();
 * }</pre>
 */
public final class StreamEngine implements AutoCloseable {
    private final EngineConfig config;
    private final StreamingQueryManager streams;
    private final Map<String, MemoryTable<Object>> memoryTables = new ConcurrentHashMap<>();
    private EngineExtensions extensions;

    private StreamEngine(EngineConfig config) {
        ModuleFlags.requireOpened(); // before anything touches Chronicle, whose own failure would be obscure
        WarmUp.start();
        this.config = config;
        this.streams = new StreamingQueryManager(config.progressLogInterval());
    }

    /** The engine, with the extensions asked for (explicitly, else by system properties) started. */
    private static StreamEngine start(EngineConfig config, Optional<ExtensionRequest> ui) {
        StreamEngine engine = new StreamEngine(config);
        engine.extensions = EngineExtensions.start(engine,
                ui.or(UiSettings::fromSystemProperties).map(List::of).orElse(List.of()));
        return engine;
    }

    /**
     * An engine with the default configuration (and the UI if {@code -Dstreamline.ui.port} asks for it).
     *
     * @throws IllegalStateException if the JVM lacks the module flags the engine needs ({@link ModuleFlags})
     */
    public static StreamEngine create() {
        return create(EngineConfig.defaults());
    }

    /** An engine with {@code config} (and the UI if {@code -Dstreamline.ui.port} asks for it). */
    public static StreamEngine create(EngineConfig config) {
        return start(config, Optional.empty());
    }

    /** Starts a builder for the configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** Describes a source by format and options. */
    public DataStreamReader readStream() {
        return new DataStreamReader(this);
    }

    /** A stream from a ready-made source, e.g. a {@link MemoryStream}. */
    public <T> DataStream<T> readStream(StreamSource<T> source) {
        return new DataStream<>(this, new SourceNode(source.format(), Map.of(), source));
    }

    /** The running queries. */
    public StreamingQueryManager streams() {
        return streams;
    }

    /** The configuration in force. */
    public EngineConfig config() {
        return config;
    }

    /**
     * The table the {@code memory} sink of the query named {@code name} fills. It exists from that query's
     * {@code start()} on, and stays after the query stops (a new query of the same name adds to it).
     *
     * @throws IllegalArgumentException if no memory-sink query of that name was started, naming the tables there are
     */
    @SuppressWarnings("unchecked")
    public <T> MemoryTable<T> table(String name) {
        MemoryTable<Object> table = memoryTables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("No memory table '" + name + "'; tables: " + new TreeSet<>(memoryTables.keySet())
                    + " (a memory sink's table is named by its query's queryName and exists once the query started)");
        }
        return (MemoryTable<T>) table;
    }

    private MemoryTable<Object> memoryTable(String name) {
        return memoryTables.computeIfAbsent(name, MemoryTable::new);
    }

    StreamingQuery start(QueryDefinition definition) {
        ResolvedQuery query = ResolvedQuery.resolve(definition, this::memoryTable);
        QueryExecution execution = QueryExecution.create(query, config, streams.events());
        try {
            streams.started(execution);
        } catch (RuntimeException e) {
            execution.discard();
            throw e;
        }
        execution.startThreads();
        return execution;
    }

    /** The address of the live monitoring page, if this engine serves one ({@link Builder#ui(int)}). */
    public Optional<URI> uiAddress() {
        return extensions.address(UiSettings.NAME);
    }

    /** Stops every running query, then the extensions (the UI). */
    @Override
    public void close() {
        streams.active().forEach(StreamingQuery::stop);
        extensions.close();
    }

    /** Builds an engine configuration, starting from {@link EngineConfig#defaults()}. */
    public static final class Builder {
        private EngineConfig config = EngineConfig.defaults();
        private Optional<ExtensionRequest> ui = Optional.empty();

        /** Applies a preset or tuned profile (see the {@code tuning} module) in one call. */
        public Builder apply(Consumer<Builder> preset) {
            preset.accept(this);
            return this;
        }

        /** Names the settings for {@code explain()} (presets set it). */
        public Builder profile(String name) {
            return with(new EngineConfig(name, config.ringSize(), config.idleMode(), config.pollBatch(), config.pinThreads(),
                    config.progressLogInterval(), config.journal(), config.parallelism(), config.keyGroups()));
        }

        /** Slots per ring at task boundaries (a power of two). */
        public Builder ringSize(int ringSize) {
            return with(new EngineConfig(config.profile(), ringSize, config.idleMode(), config.pollBatch(), config.pinThreads(),
                    config.progressLogInterval(), config.journal(), config.parallelism(), config.keyGroups()));
        }

        /** What idle task threads do. */
        public Builder idleMode(IdleMode idleMode) {
            return with(new EngineConfig(config.profile(), config.ringSize(), idleMode, config.pollBatch(), config.pinThreads(),
                    config.progressLogInterval(), config.journal(), config.parallelism(), config.keyGroups()));
        }

        /** Records a task takes from one input per duty cycle. */
        public Builder pollBatch(int records) {
            return with(new EngineConfig(config.profile(), config.ringSize(), config.idleMode(), records, config.pinThreads(),
                    config.progressLogInterval(), config.journal(), config.parallelism(), config.keyGroups()));
        }

        /** Pin task threads to cores of their own where the machine has free ones. */
        public Builder pinThreads(boolean pin) {
            return with(new EngineConfig(config.profile(), config.ringSize(), config.idleMode(), config.pollBatch(), pin,
                    config.progressLogInterval(), config.journal(), config.parallelism(), config.keyGroups()));
        }

        /** How often each query's progress is logged at INFO (zero: every epoch or batch). */
        public Builder progressLogInterval(Duration interval) {
            return with(new EngineConfig(config.profile(), config.ringSize(), config.idleMode(), config.pollBatch(),
                    config.pinThreads(), interval, config.journal(), config.parallelism(), config.keyGroups()));
        }

        /** How checkpoint journals roll their files; a shorter cycle frees disk sooner on a long run. */
        public Builder journalSettings(JournalSettings settings) {
            return with(new EngineConfig(config.profile(), config.ringSize(), config.idleMode(), config.pollBatch(),
                    config.pinThreads(), config.progressLogInterval(), settings, config.parallelism(), config.keyGroups()));
        }

        /**
         * Instances of every keyed stateful operator (Spark's {@code spark.sql.shuffle.partitions}): records reach
         * them through a key-partitioned exchange, and each runs on a thread of its own in continuous mode. 0 (the
         * default) chooses from the cores and source partitions, keeping one instance on 2 cores. A checkpoint can be
         * resumed with another parallelism.
         */
        public Builder parallelism(int n) {
            return with(config.withParallelism(n));
        }

        /**
         * How many key groups keyed state is split into (default {@value EngineConfig#DEFAULT_KEY_GROUPS}): the
         * largest parallelism a checkpoint can later run with. Fixed for a checkpoint: resuming it with another
         * count is refused.
         */
        public Builder keyGroups(int n) {
            return with(config.withKeyGroups(n));
        }

        /**
         * Serves the live monitoring page, its JSON API and Prometheus {@code /metrics} on {@code 127.0.0.1:port}
         * (0: a free port, see {@link StreamEngine#uiAddress()}). Needs the {@code streamline-ui} artifact on the
         * class path; {@link #build()} fails naming it otherwise, or when the port is taken.
         */
        public Builder ui(int port) {
            return ui(UiSettings.DEFAULT_ADDRESS, port);
        }

        /** {@link #ui(int)} on another address, e.g. {@code 0.0.0.0} to be reached from other machines. */
        public Builder ui(String address, int port) {
            this.ui = Optional.of(UiSettings.request(address, port));
            return this;
        }

        private Builder with(EngineConfig next) {
            this.config = next; // validated by the record's constructor, so a bad value fails at the call that set it
            return this;
        }

        /** The engine; the UI runs if {@link #ui(int)} or {@code -Dstreamline.ui.port} asked for it. */
        public StreamEngine build() {
            return start(config, ui);
        }
    }
}
