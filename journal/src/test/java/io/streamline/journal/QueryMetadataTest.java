package io.streamline.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
                .hasMessageContaining("new checkpointLocation");
    }
}
