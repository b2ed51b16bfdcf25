package dev.bnlab.experiment;

import dev.bnlab.spec.ExperimentSpec;
import dev.bnlab.spec.Hyperparameters;

/** The notebook experiment on a slice of MNIST, for tests that train. */
public final class TestSpecs {
    private TestSpecs() {
    }

    public static ExperimentSpec slice(int trainExamples, int testExamples, int epochs) {
        ExperimentSpec notebook = ExperimentSpec.defaults();
        Hyperparameters h = notebook.hyperparameters().withTrainExamples(trainExamples).withTestExamples(testExamples)
                .withEpochs(epochs);
        return notebook.withHyperparameters(h);
    }

    public static ExperimentSpec with(ExperimentSpec spec, java.util.function.UnaryOperator<Hyperparameters> change) {
        return spec.withHyperparameters(change.apply(spec.hyperparameters()));
    }
}
