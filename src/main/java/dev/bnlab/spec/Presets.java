package dev.bnlab.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The experiments BN Lab ships, as spec files in the jar ({@code /dev/bnlab/presets/NAME.json}):
 * {@code notebook} (the default), {@code notebook-match}, {@code paper-fig1}, {@code high-lr} and {@code lr-sweep}.
 */
public final class Presets {
    public static final String DEFAULT = "notebook";
    /** In the order the window's picker and --help list them. */
    public static final List<String> NAMES = List.of("notebook", "notebook-match", "paper-fig1", "high-lr", "lr-sweep");
    private static final Map<String, ExperimentSpec> CACHE = new ConcurrentHashMap<>();

    private Presets() {
    }

    /** The preset's spec; {@link IllegalArgumentException} naming the presets for an unknown name. */
    public static ExperimentSpec load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("there is no preset '" + name + "' (presets: " + String.join(", ", NAMES) + ")");
        }
        ExperimentSpec cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        ExperimentSpec spec = name.equals(DEFAULT) ? readNotebook() : readResource(name);
        CACHE.put(name, spec);
        return spec;
    }

    /** The notebook preset is also where spec files' missing fields come from, so it is read on its own. */
    private static ExperimentSpec readNotebook() {
        try {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(text(DEFAULT));
            ExperimentSpec spec = new ExperimentSpec(root.get("name").asText(), root.get("description").asText(),
                    new Hyperparameters(List.of(1), HiddenActivation.RELU, WeightInitScheme.UNIFORM, Optimizer.NESTEROV,
                            0, 0, 0, 0, 0, 0, 0),
                    new Monitoring(0, 0, 0), List.of(), 1, Sweep.NONE);
            for (Setting<?> s : Settings.ALL) {
                String object = s.section().jsonObject();
                com.fasterxml.jackson.databind.JsonNode holder = object == null ? root : root.get(object);
                com.fasterxml.jackson.databind.JsonNode node = holder == null ? null : holder.get(s.jsonKey());
                if (node == null) {
                    throw new IllegalStateException("the notebook preset must set " + s.jsonPath());
                }
                spec = s.readJson(spec, node);
            }
            return spec.validated();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the notebook preset", e);
        }
    }

    private static ExperimentSpec readResource(String name) {
        try {
            return SpecJson.parse(text(name), "preset " + name);
        } catch (SpecException e) {
            throw new IllegalStateException("the preset " + name + " is broken: " + e.getMessage(), e);
        }
    }

    private static String text(String name) {
        try (InputStream in = Presets.class.getResourceAsStream("/dev/bnlab/presets/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preset " + name, e);
        }
    }
}
