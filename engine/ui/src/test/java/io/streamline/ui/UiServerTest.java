package io.streamline.ui;

import io.streamline.engine.StreamEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UiServerTest {
    @Test
    void shouldListenOnLoopbackOnlyUnlessAnAddressIsGiven() {
        try (StreamEngine engine = StreamEngine.builder().ui(0).build()) {
            URI ui = engine.uiAddress().orElseThrow();
            assertThat(ui.getHost()).isEqualTo("127.0.0.1");
            assertThat(ui.getPort()).isPositive();
            HttpResponse<String> page = Http.get(ui);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        }
    }

    @Test
    void shouldFailClearlyWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> StreamEngine.builder().ui(taken.getLocalPort()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("The streamline UI cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("the port is taken")
                    .hasMessageContaining("StreamEngine.builder().ui(port) or -Dstreamline.ui.port");
        }
    }

    @Test
    void shouldRejectAnAddressThatDoesNotResolve() {
        assertThatThrownBy(() -> StreamEngine.builder().ui("no-such-host.invalid", 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ui address 'no-such-host.invalid' does not resolve");
    }

    @Test
    void shouldStopServingWhenTheEngineCloses() {
        StreamEngine engine = StreamEngine.builder().ui(0).build();
        URI ui = engine.uiAddress().orElseThrow();
        engine.close();

        assertThatThrownBy(() -> new Socket(ui.getHost(), ui.getPort()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldServeEveryAssetThePagesLoadFromItsOwnResources() {
        try (StreamEngine engine = StreamEngine.builder().ui(0).build()) {
            URI ui = engine.uiAddress().orElseThrow();
            for (String asset : new String[] {"static/app.css", "static/common.js", "static/engine.js", "static/query.js",
                    "static/charts.js", "static/vendor/uPlot.iife.min.js", "static/vendor/uPlot.min.css"}) {
                assertThat(Http.get(ui.resolve(asset)).statusCode()).as(asset).isEqualTo(200);
            }
            assertThat(Http.get(ui.resolve("queries/anything")).body()).contains("<script src=\"/static/query.js\"");
            assertThat(Http.get(ui.resolve("static/../UiServer.class")).statusCode()).isEqualTo(404);
            assertThat(Http.get(ui.resolve("static/nothing.js")).statusCode()).isEqualTo(404);
        }
    }
}
