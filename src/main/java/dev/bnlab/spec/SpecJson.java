package dev.bnlab.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spec files: an {@link ExperimentSpec} as JSON, the format of the presets, of "Save spec…" in the window and
 * of the {@code spec} field of summary.json (so {@code --spec runs/X/summary.json} re-runs that experiment).
 * <pre>
 * {"spec_version": 1, "name": "notebook", "description": "...",
 *  "hyperparameters": {"hidden_units": [512, 256], "activation": "relu", ..., "seed": 123},
 *  "monitoring": {"eval_every": 100, "eval_examples": 1000, "probe_unit": 0},
 *  "variants": [{"name": "without BN", "batch_norm": "none"}, ...], "seeds": 1}
 * </pre>
 * Fields left out take the notebook's values; unknown fields and bad values are errors that name the field.
 */
public final class SpecJson {
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> ROOT_FIELDS = Set.of("spec_version", "name", "description", "hyperparameters",
            "monitoring");

    private SpecJson() {
    }

    public static ObjectNode toJson(ExperimentSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("spec_version", VERSION);
        root.put("name", spec.name());
        root.put("description", spec.description());
        ObjectNode h = root.putObject("hyperparameters");
        ObjectNode m = root.putObject("monitoring");
        for (Setting<?> s : Settings.ALL) {
            switch (s.section()) {
                case HYPERPARAMETERS -> h.set(s.jsonKey(), s.toJson(spec));
                case MONITORING -> m.set(s.jsonKey(), s.toJson(spec));
                case EXPERIMENT -> { }
            }
        }
        for (Setting<?> s : Settings.ALL) {
            if (s.section() == Setting.Section.EXPERIMENT) {
                root.set(s.jsonKey(), s.toJson(spec));
            }
        }
        return root;
    }

    public static String toText(ExperimentSpec spec) {
        try {
            return MAPPER.writeValueAsString(toJson(spec)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a spec file, or the spec inside a summary.json. Every problem names the file and the field, e.g.
     * "spec.json: hyperparameters.batch_size: batch size must be between 1 and 60000 (got 0)".
     */
    public static ExperimentSpec read(Path file) throws SpecException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file + ": no such file");
        } catch (IOException e) {
            throw new SpecException(file + ": cannot be read (" + dev.bnlab.IoErrors.describe(e) + ")", e);
        }
        return parse(text, file.toString());
    }

    /** Reads a spec from JSON text; {@code source} names it in messages. */
    public static ExperimentSpec parse(String text, String source) throws SpecException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(source + ": a spec file must hold a JSON object");
        }
        String prefix = "";
        if (root.has("config") && root.has("runs") && !root.has("schema_version")) {
            throw new SpecException(source + ": this is a summary.json of schema version 1, written by a BN Lab from"
                    + " before experiments had specs; it cannot be re-run as it is. Its settings are under \"config\":"
                    + " pass them as options, e.g. --epochs and --learning-rate");
        }
        if (root.has("spec") && root.has("schema_version")) { // a summary.json: re-run the experiment it records
            root = root.get("spec");
            prefix = "spec.";
            if (!root.isObject()) {
                throw new SpecException(source + ": spec must be an object");
            }
        }
        return fromJson((ObjectNode) root, source, prefix);
    }

    private static ExperimentSpec fromJson(ObjectNode root, String source, String prefix) throws SpecException {
        JsonNode version = root.get("spec_version");
        if (version != null && (!version.isInt() || version.intValue() < 1 || version.intValue() > VERSION)) {
            throw new SpecException(source + ": " + prefix + "spec_version " + version + " is not one this BN Lab reads (it reads "
                    + VERSION + ")");
        }
        ExperimentSpec spec = Presets.load(Presets.DEFAULT);
        spec = spec.withName(textField(root, "name", source, prefix, "custom"),
                textField(root, "description", source, prefix, ""));
        java.util.Map<Setting.Section, JsonNode> holders = new java.util.EnumMap<>(Setting.Section.class);
        holders.put(Setting.Section.EXPERIMENT, root);
        unknownFields(root, ROOT_FIELDS, Setting.Section.EXPERIMENT, source, prefix);
        for (Setting.Section section : Setting.Section.values()) {
            String object = section.jsonObject();
            if (object == null) {
                continue;
            }
            JsonNode node = root.get(object);
            if (node != null && !node.isObject()) {
                throw new SpecException(source + ": " + prefix + object + " must be an object (got " + node + ")");
            }
            if (node != null) {
                unknownFields(node, Set.of(), section, source, prefix + object + ".");
                holders.put(section, node);
            }
        }
        for (Setting<?> s : Settings.ALL) {
            JsonNode holder = holders.get(s.section());
            JsonNode node = holder == null ? null : holder.get(s.jsonKey());
            if (node == null) {
                continue;
            }
            try {
                spec = s.readJson(spec, node);
            } catch (IllegalArgumentException e) {
                throw new SpecException(source + ": " + prefix + s.jsonPath() + ": " + e.getMessage());
            }
        }
        List<String> problems = new ArrayList<>();
        spec.problemsBySetting().forEach((s, p) -> problems.add(prefix + s.jsonPath() + ": " + p));
        if (!problems.isEmpty()) {
            throw new SpecException(source + ": " + String.join("; ", problems));
        }
        return spec;
    }

    private static String textField(JsonNode root, String field, String source, String prefix, String fallback)
            throws SpecException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new SpecException(source + ": " + prefix + field + " must be a text (got " + n + ")");
        }
        return n.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> extra, Setting.Section section, String source,
                                      String prefix) throws SpecException {
        Set<String> known = new TreeSet<>(extra);
        Settings.ALL.stream().filter(s -> s.section() == section).forEach(s -> known.add(s.jsonKey()));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new SpecException(source + ": " + prefix + field + " is not a known field (known here: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
