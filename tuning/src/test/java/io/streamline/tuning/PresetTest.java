package io.streamline.tuning;

import io.streamline.engine.StreamEngine;
import io.streamline.engine.StreamingQuery;
import io.streamline.engine.config.IdleMode;
import io.streamline.engine.source.MemoryStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Preset.class)
    void shouldShowThePresetInForceInExplain(Preset preset) {
        try (StreamEngine engine = StreamEngine.builder().apply(preset).build()) {
            StreamingQuery query = engine.readStream(new MemoryStream<Long>("in")).writeStream().format("memory")
                    .queryName("q").start();
            assertThat(query.explainString()).contains("Engine profile: " + preset.presetName());
            assertThat(engine.config().profile()).isEqualTo(preset.presetName());
        }
    }

    @Test
    void shouldConfigureWhatEachPresetPromises() {
        assertThat(StreamEngine.builder().apply(Preset.LATENCY).build().config()).satisfies(c -> {
            assertThat(c.idleMode()).isEqualTo(IdleMode.BUSY_SPIN);
            assertThat(c.pinThreads()).isTrue();
            assertThat(c.ringSize()).isEqualTo(1024);
        });
        assertThat(StreamEngine.builder().apply(Preset.THROUGHPUT).build().config().ringSize()).isEqualTo(65_536);
        assertThat(StreamEngine.builder().apply(Preset.LOW_CPU).build().config().idleMode()).isEqualTo(IdleMode.SLEEP);
        assertThat(Preset.named("low-cpu")).isEqualTo(Preset.LOW_CPU);
        assertThatThrownBy(() -> Preset.named("fastest")).hasMessageContaining("accepted: latency, balanced, throughput, low-cpu");
    }

    @Test
    void shouldLoadATunedProfileTheEngineApplies() {
        Path file = dir.resolve("tuned.properties");
        new TunedProfile("tuned-on-test", IdleMode.YIELD, 2048, 128, false).save(file, "test");

        StreamEngine engine = StreamEngine.builder().apply(TunedProfile.load(file)).build();
        assertThat(engine.config().profile()).isEqualTo("tuned-on-test");
        assertThat(engine.config().idleMode()).isEqualTo(IdleMode.YIELD);
        assertThat(engine.config().ringSize()).isEqualTo(2048);
        assertThat(engine.config().pollBatch()).isEqualTo(128);
    }

    @Test
    void shouldNameWhatIsWrongInAMalformedProfile() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "name=x\nidleMode=TURBO\nringSize=1024\npollBatch=1\npinThreads=false\n");
        assertThatThrownBy(() -> TunedProfile.load(file)).hasMessageContaining("bad.properties").hasMessageContaining("TURBO");
        Files.writeString(file, "name=x\n");
        assertThatThrownBy(() -> TunedProfile.load(file)).hasMessageContaining("'idleMode' is missing");
    }
}
