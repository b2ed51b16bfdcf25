package dev.bnlab.report;

import dev.bnlab.experiment.ExperimentRunner;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Where the trained networks of an experiment's runs are, by run index: null for a run without one. */
@FunctionalInterface
public interface TrainedNetworks {
    /** Results without networks (e.g. read back from files): nothing to save. */
    TrainedNetworks NONE = run -> null;

    MultiLayerNetwork network(int run);

    /** The networks a runner trained (NONE before it exists). */
    static TrainedNetworks of(ExperimentRunner runner) {
        return runner == null ? NONE : runner::network;
    }
}
