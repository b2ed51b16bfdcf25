package dev.bnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Optional;

/**
 * How one kind of setting value is read from the command line, the window and spec files, written back,
 * and checked against its valid range. Parse errors throw {@link IllegalArgumentException} with a message
 * that completes the sentence "&lt;setting&gt; ...", e.g. "must be a whole number (got 'abc')".
 */
public interface ValueType<T> {
    JsonNodeFactory JSON = JsonNodeFactory.instance;

    T parse(String text);

    String format(T value);

    T fromJson(JsonNode node);

    JsonNode toJson(T value);

    /** What is wrong with a parsed value ("must be between 1 and 1000 (got 0)"), or empty when it is valid. */
    Optional<String> problem(T value);

    /** The valid range in words, for --help and the window: "1-1000", "> 0 and <= 10", "relu | sigmoid". */
    String range();

    /** The fixed choices, for a picker; empty for free values. */
    default List<String> choices() {
        return List.of();
    }
}
