package dev.bnlab.report;

import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Sweep;
import dev.bnlab.spec.Variant;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFileNamesTest {
    @Test
    void aRunsModelIsNamedByItsVariantAndSeed() {
        ExperimentSpec spec = ExperimentSpec.defaults().withSeeds(2);

        assertThat(ModelFileNames.of(spec)).containsExactly("without-bn-seed123.zip",
                "bn-after-activation-seed123.zip", "without-bn-seed124.zip", "bn-after-activation-seed124.zip");
    }

    @Test
    void inASweepTheNameCarriesTheValue() {
        ExperimentSpec lr = ExperimentSpec.defaults().withSweep(new Sweep("learning-rate", List.of(0.01, 0.1)));
        ExperimentSpec batch = ExperimentSpec.defaults().withSweep(new Sweep("batch-size", List.of(32.0, 128.0)));

        assertThat(ModelFileNames.of(lr)).containsExactly("without-bn-lr0.01-seed123.zip",
                "bn-after-activation-lr0.01-seed123.zip", "without-bn-lr0.1-seed123.zip",
                "bn-after-activation-lr0.1-seed123.zip");
        assertThat(ModelFileNames.of(batch)).contains("without-bn-batch-size128-seed123.zip");
    }

    @Test
    void variantNamesBecomeSafeFileNamesThatNeverCollide() {
        ExperimentSpec spec = ExperimentSpec.defaults().withSeeds(3)
                .withSweep(new Sweep("momentum", List.of(0.5, 0.9)))
                .withVariants(List.of(new Variant("BN after", BnPlacement.AFTER),
                        new Variant("bn/after", BnPlacement.AFTER), new Variant("bn-after-2", BnPlacement.NONE),
                        new Variant("Réseau (BN) ✓", BnPlacement.BEFORE), new Variant("批量", BnPlacement.NONE),
                        new Variant("x".repeat(200), BnPlacement.NONE)));

        List<String> names = ModelFileNames.of(spec);

        assertThat(names).hasSize(3 * 2 * 6).allMatch(n -> n.matches("[a-z0-9][a-z0-9.-]*\\.zip"));
        assertThat(new HashSet<>(names)).as("one file per run").hasSize(names.size());
        assertThat(names.subList(0, 6)).containsExactly("bn-after-1-momentum0.5-seed123.zip",
                "bn-after-2-momentum0.5-seed123.zip", "bn-after-2-3-momentum0.5-seed123.zip",
                "reseau-bn-momentum0.5-seed123.zip", "variant5-momentum0.5-seed123.zip",
                "x".repeat(ModelFileNames.MAX_SLUG) + "-momentum0.5-seed123.zip");
    }
}
