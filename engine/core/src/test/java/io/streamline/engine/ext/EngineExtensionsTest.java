package io.streamline.engine.ext;

import io.streamline.engine.StreamEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineExtensionsTest {
    private final StreamEngine engine = StreamEngine.create();

    @BeforeEach
    void clearEvents() {
        RecordingExtension.EVENTS.clear();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
        System.clearProperty(UiSettings.PORT_PROPERTY);
    }

    @Test
    void shouldStartExtensionsFoundByServiceLoaderAndCloseThemInReverseOrder() {
        EngineExtensions extensions = EngineExtensions.start(engine, List.of(recording("a"), recording("b")));
        assertThat(extensions.address("recording")).contains(URI.create("test://a"));
        assertThat(extensions.address("other")).isEmpty();

        extensions.close();
        assertThat(RecordingExtension.EVENTS).containsExactly("started a", "started b", "closed b", "closed a");
    }

    @Test
    void shouldCloseTheStartedExtensionsWhenALaterOneFails() {
        ExtensionRequest failing = new ExtensionRequest("recording", "test:recording", Map.of("fail", "port taken"));

        assertThatThrownBy(() -> EngineExtensions.start(engine, List.of(recording("a"), failing)))
                .hasMessage("refused: port taken");
        assertThat(RecordingExtension.EVENTS).containsExactly("started a", "closed a");
    }

    @Test
    void shouldNameTheMissingArtifactWhenTheUiIsAskedForWithoutItsModule() {
        assertThatThrownBy(() -> StreamEngine.builder().ui(4040).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ui'")
                .hasMessageContaining("add the artifact io.streamline:streamline-ui")
                .hasMessageContaining("extensions found: recording");
    }

    @Test
    void shouldAskForTheUiThroughTheSystemProperty() {
        System.setProperty(UiSettings.PORT_PROPERTY, "4041");
        assertThatThrownBy(StreamEngine::create).hasMessageContaining("io.streamline:streamline-ui");

        System.setProperty(UiSettings.PORT_PROPERTY, "forty");
        assertThatThrownBy(StreamEngine::create).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dstreamline.ui.port must be a port number (0 for any free port), got 'forty'");
    }

    @Test
    void shouldRejectABadPortOrAddressAtTheBuilderCall() {
        assertThatThrownBy(() -> StreamEngine.builder().ui(70_000))
                .hasMessage("ui port must be 0 (any free port) to 65535, got 70000");
        assertThatThrownBy(() -> StreamEngine.builder().ui(" ", 4040)).hasMessageContaining("ui address must be");
    }

    @Test
    void shouldServeNoUiUnlessAskedFor() {
        assertThat(engine.uiAddress()).isEmpty();
    }

    private static ExtensionRequest recording(String id) {
        return new ExtensionRequest("recording", "test:recording", Map.of("id", id));
    }
}
