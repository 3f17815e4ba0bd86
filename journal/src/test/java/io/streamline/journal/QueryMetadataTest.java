package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryMetadataTest {

    @TempDir
    Path tmp;

    @Test
    void shouldCreateMetadataWithRandomQueryIdWhenAbsent() {
        Path location = tmp.resolve("a/b/checkpoint");

        QueryMetadata first = QueryMetadata.openOrCreate(location, "fp-1", "0.1.0");
        QueryMetadata other = QueryMetadata.openOrCreate(tmp.resolve("other"), "fp-1", "0.1.0");

        assertThat(location.resolve("metadata")).isRegularFile();
        assertThat(first.fingerprint()).isEqualTo("fp-1");
        assertThat(first.engineVersion()).isEqualTo("0.1.0");
        assertThat(first.createdMillis()).isPositive();
        assertThat(first.queryId()).isNotEqualTo(other.queryId());
    }

    @Test
    void shouldReturnStoredMetadataOnReopen() throws Exception {
        QueryMetadata created = QueryMetadata.openOrCreate(tmp, "fp-1", "0.1.0");

        QueryMetadata reopened = QueryMetadata.openOrCreate(tmp, "fp-1", "0.2.0");

        assertThat(reopened).isEqualTo(created);
        try (var files = Files.list(tmp)) {
            assertThat(files).as("no temp file left behind").containsExactly(tmp.resolve("metadata"));
        }
    }

    @Test
    void shouldRefuseCheckpointOfDifferentPipeline() {
        QueryMetadata.openOrCreate(tmp, "fp-old", "0.1.0");

        assertThatThrownBy(() -> QueryMetadata.openOrCreate(tmp, "fp-new", "0.1.0"))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining(tmp.toString())
                .hasMessageContaining("fp-old")
                .hasMessageContaining("fp-new")
                .hasMessageContaining("different pipeline")
                .hasMessageContaining("new checkpointLocation")
                .hasMessageContaining("its metadata predates pipeline descriptions, so only the fingerprints can be compared");
    }

    @Test
    void shouldKeepThePipelineDescriptionAndNameEveryAspectThatDiffers() {
        QueryMetadata created = QueryMetadata.openOrCreate(tmp, "fp-old",
                Map.of("sink", "memory", "operators", "map", "output mode", "append"), "0.1.0");
        assertThat(QueryMetadata.openOrCreate(tmp, "fp-old", Map.of(), "0.1.0").pipeline()).isEqualTo(created.pipeline());

        Map<String, String> requested = new LinkedHashMap<>();
        requested.put("operators", "filter");
        requested.put("sink", "memory");
        requested.put("output mode", "update");
        assertThatThrownBy(() -> QueryMetadata.openOrCreate(tmp, "fp-new", requested, "0.1.0"))
                .isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("different pipeline: operators 'map' in the checkpoint, 'filter' now;"
                        + " output mode 'append' in the checkpoint, 'update' now (fingerprint fp-old in its metadata,"
                        + " fp-new for this pipeline)")
                .message().doesNotContain("sink");
    }
}
