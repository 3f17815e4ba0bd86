package io.streamline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's {@code chromium} package, which {@code .ci/run} installs when it is
 * missing) driven over the Chrome DevTools Protocol through the JDK's own WebSocket client: open a page, run
 * JavaScript in it, take a screenshot. Started with a fresh profile and without any background networking,
 * so it talks to nothing but the page under test. Fails, never skips, when no browser can be started.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Path log;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** JavaScript exceptions the page threw, as the protocol reported them. */
    final List<String> pageErrors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, Path log, URI pageSocket) {
        this.process = process;
        this.profile = profile;
        this.log = log;
        this.page = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(pageSocket, new Listener()).join();
    }

    /** Starts the browser with a blank page. */
    static HeadlessChromium launch() throws IOException, InterruptedException {
        String binary = binary();
        Path profile = Files.createTempDirectory("streamline-chromium-");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            return new HeadlessChromium(process, profile, log, pageSocket(process, profile, log));
        } catch (RuntimeException | IOException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** {@code -Dstreamline.chromium}, else the first Chromium on the PATH. */
    private static String binary() {
        String given = System.getProperty("streamline.chromium");
        if (given != null) {
            return given;
        }
        List<String> names = List.of("chromium", "chromium-browser", "google-chrome");
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : names) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new AssertionError("The browser test needs Chromium and found none (looked for " + names + " on the PATH, "
                + "or -Dstreamline.chromium=/path/to/chromium). Install Debian's package: apt-get install -y chromium "
                + "(.ci/run installs it when it is missing).");
    }

    /** The DevTools port the browser writes into its profile, then the WebSocket of its first page. */
    private static URI pageSocket(Process process, Path profile, Path log) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + " before it listened: "
                        + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Chromium did not open its DevTools port within " + STARTUP + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        JsonNode targets = Http.json(URI.create("http://127.0.0.1:" + port + "/json/list"));
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                return URI.create(target.path("webSocketDebuggerUrl").asText());
            }
        }
        throw new AssertionError("Chromium has no page target: " + targets);
    }

    /** Sends one protocol command and waits for its result. */
    JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText(command.toString(), true).join();
        try {
            JsonNode reply = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + COMMAND, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Opens {@code url} in the page, waits until it has loaded, and reports the page's exceptions from then on. */
    void open(URI url) {
        send("Runtime.enable", Map.of());
        send("Page.enable", Map.of());
        send("Page.navigate", Map.of("url", url.toString()));
        await("the page " + url + " loaded", "location.href === '" + url + "' && document.readyState === 'complete'");
    }

    /** Waits until a JavaScript condition holds in the page; one that throws (a page still loading) does not. */
    void await(String what, String condition) {
        String guarded = "(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()";
        long deadline = System.nanoTime() + COMMAND.multipliedBy(2).toNanos();
        while (!evaluate(guarded).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + COMMAND.multipliedBy(2) + " waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    /** The value of a JavaScript expression evaluated in the page (JSON-like values). */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("'" + expression + "' threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page, {@code width} pixels wide. */
    byte[] screenshot(int width) {
        int height = send("Page.getLayoutMetrics", Map.of()).path("cssContentSize").path("height").asInt(1000);
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        String png = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true)).path("data").asText();
        return Base64.getDecoder().decode(png);
    }

    /**
     * Stops the browser and every process it started (renderer, network service, ...), then deletes its
     * profile. The children are stopped and waited for first because they keep writing into the profile after
     * the main process has gone, which made the deletion race with their files appearing and vanishing.
     */
    @Override
    public void close() throws IOException {
        page.abort();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
        Files.deleteIfExists(log);
    }

    /** Deletes a directory tree, taking a file that vanished while it was walked as already deleted. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Gathers each message's parts, answers pending commands, keeps the page's exceptions. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            message.append(part);
            if (last) {
                dispatch(message.toString());
                message.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (json.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(json.get("id").asInt());
                if (answer != null) {
                    answer.complete(json);
                }
            } else if ("Runtime.exceptionThrown".equals(json.path("method").asText())) {
                pageErrors.add(json.path("params").path("exceptionDetails").toString());
            }
        }
    }
}
