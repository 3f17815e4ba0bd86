package io.streamline.engine.source;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The source contract for {@code json} files: one object per line. */
class JsonFileSourceContractTest extends FileSourceContract<Map<String, Object>> {
    @Override
    protected String format() {
        return "json";
    }

    @Override
    protected String file(long from, long to) {
        return LongStream.range(from, to).mapToObj(k -> "{\"key\":" + k + ",\"nested\":{\"of\":" + k + "}}")
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    protected long keyOf(Map<String, Object> record) {
        return ((Number) record.get("key")).longValue();
    }
}
