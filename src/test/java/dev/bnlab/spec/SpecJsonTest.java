package dev.bnlab.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec files: written and read back unchanged; every bad file refused with a message naming the field. */
class SpecJsonTest {
    @TempDir
    Path dir;

    @Test
    void everyPresetSurvivesARoundTripThroughItsFile() throws Exception {
        for (String name : Presets.NAMES) {
            ExperimentSpec spec = Presets.load(name);
            Path file = Files.writeString(dir.resolve(name + ".json"), SpecJson.toText(spec));
            assertThat(SpecJson.read(file)).isEqualTo(spec);
        }
    }

    @Test
    void aCustomSpecWithNamedVariantsRoundTrips() throws Exception {
        ExperimentSpec spec = new ExperimentSpec("mine", "three placements",
                Presets.load("notebook").hyperparameters().withHiddenUnits(List.of(64)).withEpochs(1),
                new Monitoring(25, 500, 63),
                List.of(new Variant("plain", BnPlacement.NONE), new Variant("paper", BnPlacement.BEFORE),
                        new Variant("notebook", BnPlacement.AFTER)), 7, new Sweep("learning-rate", List.of(0.01, 0.1, 1.0)));

        assertThat(SpecJson.parse(SpecJson.toText(spec), "test")).isEqualTo(spec);
    }

    @Test
    void fieldsLeftOutTakeTheNotebooksValues() throws Exception {
        ExperimentSpec spec = SpecJson.parse("{\"hyperparameters\": {\"epochs\": 1}, \"seeds\": 5}", "short.json");

        assertThat(spec.hyperparameters()).isEqualTo(Presets.load("notebook").hyperparameters().withEpochs(1));
        assertThat(spec.seeds()).isEqualTo(5);
        assertThat(spec.variants()).isEqualTo(Presets.load("notebook").variants());
        assertThat(spec.name()).isEqualTo("custom");
    }

    @Test
    void theSpecInsideASummaryIsRead() throws Exception {
        ExperimentSpec spec = Presets.load("paper-fig1").withSeeds(3);
        String summary = "{\"schema_version\": 2, \"status\": \"finished\", \"spec\": " + SpecJson.toText(spec) + "}";

        assertThat(SpecJson.parse(summary, "summary.json")).isEqualTo(spec);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"hyperparameters\": {\"batch_size\": 0}}                 | bad.json: hyperparameters.batch_size: batch size must be between 1 and 60000 (got 0)",
            "{\"hyperparameters\": {\"batch_size\": 6.5}}               | bad.json: hyperparameters.batch_size: batch size must be a whole number (got 6.5)",
            "{\"hyperparameters\": {\"learning_rate\": \"fast\"}}       | bad.json: hyperparameters.learning_rate: learning rate must be a number (got \"fast\")",
            "{\"hyperparameters\": {\"learnin_rate\": 0.1}}             | bad.json: hyperparameters.learnin_rate is not a known field",
            "{\"hyperparameters\": {\"activation\": \"tanh\"}}          | bad.json: hyperparameters.activation: activation must be one of relu, sigmoid (got 'tanh')",
            "{\"hyperparameters\": {\"hidden_units\": [512, 0]}}        | bad.json: hyperparameters.hidden_units: hidden layers must be 1 to 10 layers of 1 to 8192 units each (got 512,0)",
            "{\"hyperparameters\": {\"train_examples\": 10}}            | bad.json: hyperparameters.batch_size: batch size must be between 1 and 10 (the number of training examples; got 64)",
            "{\"variants\": [{\"name\": \"a\", \"batch_norm\": \"middle\"}]} | bad.json: variants: variants [0].batch_norm must be one of none, after, before (got 'middle')",
            "{\"variants\": [{\"name\": \"a\"}]}                       | bad.json: variants: variants [0].batch_norm is missing",
            "{\"variants\": [{\"batch_norm\": \"none\", \"colour\": 1}]} | bad.json: variants: variants [0].colour is not a variant field",
            "{\"variants\": []}                                        | bad.json: variants: variants must be 1 to 6 variants (got 0)",
            "{\"seeds\": 0}                                            | bad.json: seeds: seeds must be between 1 and 100 (got 0)",
            "{\"seeds\": 2, \"sedes\": 3}                               | bad.json: sedes is not a known field",
            "{\"spec_version\": 9}                                      | bad.json: spec_version 9 is not one this BN Lab reads",
            "{\"hyperparameters\": [1, 2]}                              | bad.json: hyperparameters must be an object",
            "[1, 2]                                                    | bad.json: a spec file must hold a JSON object",
            "{\"seeds\": 2,,}                                           | bad.json: not valid JSON (line 1, column",
    })
    void aBadSpecFileIsRefusedNamingTheField(String json, String message) {
        assertThatThrownBy(() -> SpecJson.parse(json, "bad.json")).isInstanceOf(SpecException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void aSummaryFromBeforeSpecsIsRecognisedAndSaysWhy() {
        String v1 = "{\"status\": \"finished\", \"config\": {\"epochs\": 3}, \"runs\": []}";
        assertThatThrownBy(() -> SpecJson.parse(v1, "old/summary.json")).isInstanceOf(SpecException.class)
                .hasMessageStartingWith("old/summary.json: this is a summary.json of schema version 1");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> SpecJson.read(missing)).isInstanceOf(SpecException.class)
                .hasMessage(missing + ": no such file");
    }
}
