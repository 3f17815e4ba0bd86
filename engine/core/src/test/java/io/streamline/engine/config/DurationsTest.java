package io.streamline.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"100ms, 100", "100 milliseconds, 100", "1 second, 1000", "2s, 2000", "1 minute, 60000", "PT1.5S, 1500", "500 us, 0"})
    void shouldParseSparkStyleDurations(String text, long millis) {
        assertThat(Durations.parse("x", text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10 parsecs", "-1s", "PT-1S"})
    void shouldRejectWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse("Option 'x'", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option 'x'");
    }

    @Test
    void shouldKeepSubMillisecondPrecision() {
        assertThat(Durations.parse("x", "250us")).isEqualTo(Duration.ofNanos(250_000));
    }
}
