package dev.bnlab.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as data: shared hyperparameters, the variants to compare, and how many seeds each variant
 * runs for. It expands to self-contained {@link RunSpec}s; results carry their spec, so any result can be
 * re-run. Spec files (JSON) and presets are read and written by {@link SpecJson}; every setting a user can
 * change is declared once in {@link Settings}.
 */
public record ExperimentSpec(String name, String description, Hyperparameters hyperparameters, Monitoring monitoring,
                             List<Variant> variants, int seeds, Sweep sweep) {

    public ExperimentSpec {
        variants = List.copyOf(variants);
        sweep = sweep == null ? Sweep.NONE : sweep;
        name = name == null || name.isBlank() ? "custom" : name.strip();
        description = description == null ? "" : description.strip();
    }

    /** The default experiment: the {@code notebook} preset. */
    public static ExperimentSpec defaults() {
        return Presets.load(Presets.DEFAULT);
    }

    /** The seed of the {@code k}-th seed (0-based): the first seed plus k. */
    public long seed(int k) {
        return hyperparameters.seed() + k;
    }

    /**
     * Every run of the experiment, seed by seed, within a seed value by value of the sweep (if any), and within
     * that in variant order: the variants of one seed and value are neighbours, so a scheduler that takes runs
     * in this order trains them side by side.
     */
    public List<RunSpec> expand() {
        List<RunSpec> runs = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            for (int c = 0; c < sweep.size(); c++) {
                Hyperparameters h = sweep.apply(this, c).hyperparameters().withSeed(seed(s));
                for (int v = 0; v < variants.size(); v++) {
                    runs.add(new RunSpec(runs.size(), v, s, c, variants.get(v), h, monitoring, seeds > 1,
                            sweep.label(c)));
                }
            }
        }
        return List.copyOf(runs);
    }

    public int runCount() {
        return seeds * variants.size() * sweep.size();
    }

    /** Iterations of all runs together, if none ends early. */
    public long totalIterations() {
        long total = 0;
        for (int c = 0; c < sweep.size(); c++) {
            total += (long) seeds * variants.size() * sweep.apply(this, c).hyperparameters().totalIterations();
        }
        return total;
    }

    /** Every setting outside its valid range, keyed by setting, each naming the range; empty when valid. */
    public Map<Setting<?>, String> problemsBySetting() {
        Map<Setting<?>, String> problems = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            s.problem(this).ifPresent(p -> problems.put(s, p));
        }
        Hyperparameters h = hyperparameters;
        int maxBatch = Math.max(1, Math.min(h.trainExamples(), Hyperparameters.MNIST_TRAIN));
        if (!problems.containsKey(Settings.BATCH_SIZE) && h.batchSize() > maxBatch) {
            problems.put(Settings.BATCH_SIZE, "batch size must be between 1 and " + maxBatch
                    + " (the number of training examples; got " + h.batchSize() + ")");
        }
        if (!problems.containsKey(Settings.SWEEP) && problems.isEmpty()) {
            sweep.problem(this).ifPresent(p -> problems.put(Settings.SWEEP, "sweep " + p));
        }
        // BN normalises each unit over the minibatch: over one example every unit becomes beta and nothing is
        // learned (measured: 10.5 % against 18.6 % without BN at batch size 1). PyTorch refuses this too.
        boolean bn = variants.stream().anyMatch(v -> v.batchNorm() != BnPlacement.NONE);
        if (bn && !problems.containsKey(Settings.BATCH_SIZE) && h.batchSize() == 1) {
            problems.put(Settings.BATCH_SIZE, "batch size must be at least 2 with BN: BN normalises each unit over"
                    + " the minibatch, and over one example every unit becomes beta (got 1; or drop the BN variants)");
        } else if (bn && !problems.containsKey(Settings.TRAIN_EXAMPLES) && !problems.containsKey(Settings.BATCH_SIZE)
                && h.batchSize() > 1 && h.trainExamples() % h.batchSize() == 1) {
            problems.put(Settings.TRAIN_EXAMPLES, "train examples " + h.trainExamples() + " leave a last minibatch of"
                    + " one example with batch size " + h.batchSize() + ", which BN cannot normalise; use "
                    + (h.trainExamples() - 1) + " or " + (h.trainExamples() + 1) + " (or drop the BN variants)");
        }
        int lastLayer = h.hiddenUnits().isEmpty() ? 0 : h.hiddenUnits().get(h.hiddenUnits().size() - 1);
        if (!problems.containsKey(Settings.PROBE_UNIT) && !problems.containsKey(Settings.HIDDEN_UNITS)
                && monitoring.probeUnit() >= lastLayer) {
            problems.put(Settings.PROBE_UNIT, "probe unit must be between 0 and " + (lastLayer - 1)
                    + " (a unit of the last hidden layer, which has " + lastLayer + "; got " + monitoring.probeUnit() + ")");
        }
        return problems;
    }

    public List<String> problems() {
        return new ArrayList<>(problemsBySetting().values());
    }

    /** This spec, or {@link IllegalArgumentException} listing every problem. */
    public ExperimentSpec validated() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
        return this;
    }

    public ExperimentSpec withHyperparameters(Hyperparameters h) {
        return new ExperimentSpec(name, description, h, monitoring, variants, seeds, sweep);
    }

    public ExperimentSpec withMonitoring(Monitoring m) {
        return new ExperimentSpec(name, description, hyperparameters, m, variants, seeds, sweep);
    }

    public ExperimentSpec withVariants(List<Variant> v) {
        return new ExperimentSpec(name, description, hyperparameters, monitoring, v, seeds, sweep);
    }

    public ExperimentSpec withSeeds(int v) {
        return new ExperimentSpec(name, description, hyperparameters, monitoring, variants, v, sweep);
    }

    public ExperimentSpec withSweep(Sweep v) {
        return new ExperimentSpec(name, description, hyperparameters, monitoring, variants, seeds, v);
    }

    /**
     * This spec, named after {@code base} when settings were changed from it: "notebook (edited)", with the
     * changes listed in the description, so summary.json says what was run.
     */
    public ExperimentSpec editedFrom(ExperimentSpec base) {
        List<String> changes = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (!s.format(this).equals(s.format(base))) {
                changes.add(s.key() + " " + s.format(base) + " -> " + s.format(this));
            }
        }
        if (changes.isEmpty()) {
            return base;
        }
        String baseName = base.name().replaceAll(" \\(edited\\)$", "");
        return withName(baseName + " (edited)", "The " + baseName + " experiment with changes: "
                + String.join(", ", changes) + ".");
    }

    public ExperimentSpec withName(String v, String newDescription) {
        return new ExperimentSpec(v, newDescription, hyperparameters, monitoring, variants, seeds, sweep);
    }
}
