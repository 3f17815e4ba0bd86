package io.streamline.engine.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The source contract for {@code socket} with the acknowledging protocol (option {@code protocol=ack},
 * {@link AckProtocol}): the test's server keeps every line until the source acknowledges it and sends each connection
 * from the resume point of its handshake. So, unlike plain lines, nothing is lost through {@code kill -9}: the crash
 * test expects every line fed, the ones fed while the query was down and the ones in flight at a kill included, and
 * each once.
 */
class SocketAckSourceContractTest extends SocketSourceContractTest {
    @Override
    protected Map<String, String> options(Path dir) {
        Map<String, String> options = new HashMap<>(super.options(dir));
        options.put("protocol", "ack");
        return options;
    }

    @Override
    protected LineFeeder newFeeder() throws IOException {
        return LineFeeder.acknowledging();
    }

    @Override
    protected boolean receivesOnlyWhileConnected() {
        return false;
    }
}
