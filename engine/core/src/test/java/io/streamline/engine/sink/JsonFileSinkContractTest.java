package io.streamline.engine.sink;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The sink contract for {@code json} files: a string row is {@code {"value": ...}}. */
class JsonFileSinkContractTest extends FileSinkContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected String format() {
        return "json";
    }

    @Override
    protected Long keyOf(String line) throws Exception {
        return Long.parseLong(JSON.readTree(line).get("value").asText());
    }
}
