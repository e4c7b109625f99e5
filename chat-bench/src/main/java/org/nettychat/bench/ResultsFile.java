package org.nettychat.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends one JSON object per run, one line each, to the results file. */
final class ResultsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFile() {
    }

    /** The JSON line of one run, without the line break. */
    static String line(Map<String, Object> run) {
        try {
            return JSON.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path file, Map<String, Object> run) {
        try {
            Files.writeString(file, line(run) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
