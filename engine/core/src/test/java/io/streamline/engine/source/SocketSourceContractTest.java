package io.streamline.engine.source;

import io.streamline.engine.config.Options;
import io.streamline.engine.contract.BadOption;
import io.streamline.engine.contract.SourceContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The source contract for {@code socket}: a server of the test's own sends the keys as plain lines. The source's
 * write-ahead log makes what it received replayable; what the server sent to a reader that was then killed is
 * not, so the crash test expects the lines sent during the last run. {@link SocketAckSourceContractTest} runs the
 * same suite with the acknowledging protocol, which loses nothing.
 */
class SocketSourceContractTest extends SourceContract<String> {
    private LineFeeder feeder;

    @Override
    protected String format() {
        return "socket";
    }

    @Override
    protected Map<String, String> options(Path dir) {
        try {
            return Map.of("host", "127.0.0.1", "port", Files.readString(dir.resolve("port")).trim(), "reconnectDelay", "20ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server that sends the keys, in the protocol of {@link #options}. */
    protected LineFeeder newFeeder() throws IOException {
        return LineFeeder.plain();
    }

    @Override
    protected void setUp(Path dir) throws Exception {
        feeder = newFeeder();
        closeAfterTest(feeder);
        Files.writeString(dir.resolve("port"), Integer.toString(feeder.port()));
    }

    @Override
    protected void append(Path dir, long from, long to) {
        feeder.feed(LongStream.range(from, to).mapToObj(Long::toString).toList());
    }

    @Override
    protected boolean receivesOnlyWhileConnected() {
        return true;
    }

    @Override
    protected long keyOf(String record) {
        return Long.parseLong(record);
    }

    @Override
    protected List<BadOption> badOptions(Path dir) {
        return List.of(
                new BadOption("port", "1 to 65535", () -> make(dir, "port", "70000")),
                new BadOption("maxReconnectDelay", "at least", () -> make(dir, "maxReconnectDelay", "1ms")),
                new BadOption("maxLineBytes", "positive whole number", () -> make(dir, "maxLineBytes", "0")),
                new BadOption("host", "required", () -> make(dir, "host", " ")),
                new BadOption("protocol", "'plain'", () -> make(dir, "protocol", "acked")));
    }

    private void make(Path dir, String option, String value) {
        Map<String, String> options = new HashMap<>(options(dir));
        options.put(option, value);
        SocketSource.fromOptions(new Options("source 'socket'", options));
    }
}
