package dev.bnlab.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One setting a user can change, declared once: its name (the command-line option {@code --key} and the
 * spec-file field {@code key_with_underscores}), its label in the window, its value type with the valid
 * range, its help text, and where it lives in an {@link ExperimentSpec}. The command line, the window's
 * form, validation, {@code --help}, spec files and summary.json all come from the list in {@link Settings}.
 */
public final class Setting<T> {
    /** Where a setting sits in a spec file: inside "hyperparameters", inside "monitoring", or at the top level. */
    public enum Section {
        HYPERPARAMETERS("hyperparameters"), MONITORING("monitoring"), EXPERIMENT(null);

        private final String jsonObject;

        Section(String jsonObject) {
            this.jsonObject = jsonObject;
        }

        /** The spec file's object holding these settings; null for the top level. */
        public String jsonObject() {
            return jsonObject;
        }
    }

    /** The window groups settings under these headings. */
    public enum Group {
        NETWORK("Network"), TRAINING("Training"), DATA("Data"), SEEDS("Variants and seeds"),
        MONITORING("Inside the network");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final String key;
    private final String label;
    private final String paramLabel;
    private final String help;
    private final Section section;
    private final Group group;
    private final ValueType<T> type;
    private final Function<ExperimentSpec, T> getter;
    private final BiFunction<ExperimentSpec, T, ExperimentSpec> setter;

    Setting(String key, String label, String paramLabel, String help, Section section, Group group, ValueType<T> type,
            Function<ExperimentSpec, T> getter, BiFunction<ExperimentSpec, T, ExperimentSpec> setter) {
        this.key = key;
        this.label = label;
        this.paramLabel = paramLabel;
        this.help = help;
        this.section = section;
        this.group = group;
        this.type = type;
        this.getter = getter;
        this.setter = setter;
    }

    /** "learning-rate". */
    public String key() {
        return key;
    }

    /** "--learning-rate". */
    public String option() {
        return "--" + key;
    }

    /** "learning_rate": the field in spec files and summary.json. */
    public String jsonKey() {
        return key.replace('-', '_');
    }

    /** "hyperparameters.learning_rate": where a spec file holds it. */
    public String jsonPath() {
        return section.jsonObject() == null ? jsonKey() : section.jsonObject() + "." + jsonKey();
    }

    /** "Learning rate": the window's label. */
    public String label() {
        return label;
    }

    /** "learning rate": how messages name it. */
    public String words() {
        return label.toLowerCase(Locale.ROOT);
    }

    public String paramLabel() {
        return paramLabel;
    }

    public String help() {
        return help;
    }

    public Section section() {
        return section;
    }

    public Group group() {
        return group;
    }

    public ValueType<T> type() {
        return type;
    }

    public T get(ExperimentSpec spec) {
        return getter.apply(spec);
    }

    public ExperimentSpec with(ExperimentSpec spec, T value) {
        return setter.apply(spec, value);
    }

    /** The spec with this setting parsed from text; {@link IllegalArgumentException} naming the setting otherwise. */
    public ExperimentSpec parseInto(ExperimentSpec spec, String text) {
        try {
            return with(spec, type.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(words() + " " + e.getMessage(), e);
        }
    }

    /** The spec with this setting read from a spec file's node; the message names the setting. */
    public ExperimentSpec readJson(ExperimentSpec spec, JsonNode node) {
        try {
            return with(spec, type.fromJson(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(words() + " " + e.getMessage(), e);
        }
    }

    public JsonNode toJson(ExperimentSpec spec) {
        return type.toJson(get(spec));
    }

    /** The value as typed on the command line or shown in the window. */
    public String format(ExperimentSpec spec) {
        return type.format(get(spec));
    }

    /** This setting's own range problem in {@code spec}, e.g. "epochs must be between 1 and 1000 (got 0)". */
    public Optional<String> problem(ExperimentSpec spec) {
        return type.problem(get(spec)).map(p -> words() + " " + p);
    }

    @Override
    public String toString() {
        return key;
    }
}
