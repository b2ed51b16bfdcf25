package dev.bnlab.ui.model;

import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Setting;
import dev.bnlab.spec.Settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The window's settings form without its controls: the text of every setting of {@link Settings#ALL}, the
 * spec it started from (a preset or a spec file), and each setting's error after {@link #parse()}. A setting
 * whose text was not changed keeps the base spec's value exactly (e.g. a spec file's own variant names).
 */
public final class SettingsFormModel {
    private ExperimentSpec base;
    private final Map<Setting<?>, String> texts = new LinkedHashMap<>();
    private final Map<Setting<?>, String> errors = new LinkedHashMap<>();

    public SettingsFormModel(ExperimentSpec spec) {
        load(spec);
    }

    /** Fills the form from a spec: a preset, a spec file, or the command line's settings. */
    public void load(ExperimentSpec spec) {
        base = spec;
        errors.clear();
        for (Setting<?> s : Settings.ALL) {
            texts.put(s, s.format(spec));
        }
    }

    public ExperimentSpec base() {
        return base;
    }

    public String text(Setting<?> setting) {
        return texts.get(setting);
    }

    public void setText(Setting<?> setting, String text) {
        texts.put(setting, text == null ? "" : text);
    }

    /** The error shown under a setting after the last {@link #parse()}, or "" when it is fine. */
    public String error(Setting<?> setting) {
        return errors.getOrDefault(setting, "");
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The form's experiment, validated with the command line's rules; empty (errors recorded) when invalid. */
    public Optional<ExperimentSpec> parse() {
        errors.clear();
        ExperimentSpec spec = base;
        for (Setting<?> s : Settings.ALL) {
            String text = texts.get(s);
            if (text.strip().equals(s.format(base))) {
                continue;
            }
            try {
                spec = s.parseInto(spec, text);
            } catch (IllegalArgumentException e) {
                errors.put(s, e.getMessage());
            }
        }
        for (Map.Entry<Setting<?>, String> p : spec.problemsBySetting().entrySet()) {
            errors.putIfAbsent(p.getKey(), p.getValue());
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(spec.editedFrom(base));
    }
}
