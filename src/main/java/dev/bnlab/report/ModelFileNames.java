package dev.bnlab.report;

import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.RunSpec;
import dev.bnlab.spec.Sweep;
import dev.bnlab.spec.Variant;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The file name of each run's saved model: {@code <variant>-seed<k>.zip}, in a sweep
 * {@code <variant>-<setting><value>-seed<k>.zip} ({@code lr} for the learning rate), e.g.
 * {@code bn-after-activation-lr0.1-seed123.zip}. The variant's name is written in lower-case ASCII letters and
 * digits with dashes for anything else (accents dropped); a name with none of those becomes {@code variant<n>},
 * and variants whose names would read the same get their number appended ({@code bn-2}), so every run of an
 * experiment has its own file name, safe on any file system.
 */
public final class ModelFileNames {
    static final int MAX_SLUG = 60;

    private ModelFileNames() {
    }

    /** The file name of every run of {@code spec}, indexed like {@link ExperimentSpec#expand()}. */
    public static List<String> of(ExperimentSpec spec) {
        List<String> variants = variantSlugs(spec.variants());
        Sweep sweep = spec.sweep();
        List<String> names = new ArrayList<>();
        for (RunSpec run : spec.expand()) {
            String value = sweep.active() ? "-" + (sweep.key().equals("learning-rate") ? "lr" : slug(sweep.key()))
                    + sweep.valueText(run.sweepIndex()) : "";
            names.add(variants.get(run.variantIndex()) + value + "-seed" + run.seed() + ".zip");
        }
        return names;
    }

    static List<String> variantSlugs(List<Variant> variants) {
        List<String> raw = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (int v = 0; v < variants.size(); v++) {
            String s = slug(variants.get(v).name());
            raw.add(s.isEmpty() ? "variant" + (v + 1) : s);
            uses.merge(raw.get(v), 1, Integer::sum);
        }
        List<String> slugs = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int v = 0; v < raw.size(); v++) {
            String s = uses.get(raw.get(v)) > 1 ? raw.get(v) + "-" + (v + 1) : raw.get(v);
            while (!taken.add(s)) { // "bn", "BN!" and "bn-2": bn-1, bn-2, bn-2-3
                s = s + "-" + (v + 1);
            }
            slugs.add(s);
        }
        return slugs;
    }

    /** "BN after activation" → "bn-after-activation"; "Réseau (BN)" → "reseau-bn". */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s;
    }
}
