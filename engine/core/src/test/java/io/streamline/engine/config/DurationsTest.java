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
    @CsvSource({"100ms, 100", "500ms, 500", "100 milliseconds, 100", "1 second, 1000", "2s, 2000", "1 minute, 60000",
            "PT1.5S, 1500", "500 us, 0", "1.5 s, 1500", "1.5 seconds, 1500", ".25s, 250", "1 minute 30 seconds, 90000",
            "interval 10 seconds, 10000", "INTERVAL 1 Hour, 3600000", "5min, 300000", "1d, 86400000", "2 weeks, 1209600000",
            "P1DT2H, 93600000", "pt0.1s, 100"})
    void shouldParseSparkStyleDurations(String text, long millis) {
        assertThat(Durations.parse("x", text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10 parsecs", "-1s", "PT-1S", "1.5", "s", "1 second and a bit", "0.5ns"})
    void shouldRejectWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse("Option 'x'", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option 'x'");
    }

    @Test
    void shouldListExamplesOfWhatIsAcceptedInTheError() {
        assertThatThrownBy(() -> Durations.parse("Trigger.continuous interval", "one second"))
                .hasMessage("Trigger.continuous interval has an unparsable duration 'one second'; expected a duration, "
                        + Durations.ACCEPTED)
                .hasMessageContaining("'1.5 s'").hasMessageContaining("'500ms'").hasMessageContaining("'PT1.5S'");
    }

    @Test
    void shouldKeepSubMillisecondPrecision() {
        assertThat(Durations.parse("x", "250us")).isEqualTo(Duration.ofNanos(250_000));
    }
}
