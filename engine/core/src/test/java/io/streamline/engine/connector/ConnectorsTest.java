package io.streamline.engine.connector;

import io.streamline.engine.EngineTestSupport;
import io.streamline.engine.Await;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.config.Options;
import io.streamline.engine.source.MemoryStream;
import io.streamline.engine.source.StreamSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Formats are found through {@link java.util.ServiceLoader}: the built-in ones from the engine jar, and any a jar on
 * the class path registers, here {@link EchoSourceProvider} from this module's test resources.
 */
class ConnectorsTest extends EngineTestSupport {
    /** A connector of the application's own: {@code format("test-echo")} reads the rows given in option {@code rows}. */
    public static final class EchoSourceProvider implements SourceProvider {
        @Override
        public String format() {
            return "test-echo";
        }

        @Override
        public StreamSource<?> create(Options options) {
            options.requireOnly(java.util.Set.of("rows"));
            MemoryStream<String> rows = new MemoryStream<>("echo");
            rows.addData(List.of(options.required("rows").split(",")));
            return rows;
        }
    }

    @Test
    void shouldListTheBuiltInFormatsFoundByTheServiceLoader() {
        assertThat(Connectors.sourceFormats()).contains("rate", "socket", "text", "csv", "json", "journal", "test-echo");
        assertThat(Connectors.sinkFormats()).containsExactlyInAnyOrder("console", "memory", "json", "csv", "text", "journal", "noop");
    }

    @Test
    void shouldRunASourceRegisteredByAJarOnTheClassPath() {
        StreamingQuery query = engine.readStream().format("test-echo").option("rows", "a,b,c").load()
                .writeStream().format("memory").queryName("echo").start();
        Await.until("the three rows arrived", () -> engine.table("echo").rows().size() == 3);
        query.stop();
        assertThat(engine.table("echo").rows()).containsExactly("a", "b", "c");
    }

    @Test
    void shouldNameTheInstalledFormatsAndTheArtifactOfAMissingOptionalOne() {
        assertThatThrownBy(() -> Connectors.source("rat", new Options("source 'rat'", Map.of())))
                .hasMessageContaining("Unknown source format 'rat'; installed formats: csv, journal, json, rate, socket, test-echo, text");
        assertThatThrownBy(() -> Connectors.source("kafka", new Options("source 'kafka'", Map.of())))
                .hasMessageContaining("the 'kafka' source is in the artifact io.streamline:streamline-kafka, which is not on the class path");
        assertThatThrownBy(() -> Connectors.sink("kafka", new Options("sink 'kafka'", Map.of()), new SinkContext(null, n -> null)))
                .hasMessageContaining("the 'kafka' sink is in the artifact io.streamline:streamline-kafka");
    }
}
