package dev.bnlab.spec;

import dev.bnlab.spec.Setting.Group;
import dev.bnlab.spec.Setting.Section;

import java.util.List;
import java.util.Optional;

/**
 * Every setting of an experiment, in the order the window and {@code --help} show them. Adding a setting is
 * one entry here (plus its field in {@link Hyperparameters} or {@link ExperimentSpec}): the command line,
 * the window's form, validation, spec files and summary.json follow from it.
 */
public final class Settings {
    private Settings() {
    }

    public static final Setting<List<Integer>> HIDDEN_UNITS = new Setting<>("hidden-units", "Hidden layers", "N,N,...",
            "Units of each hidden layer, input side first, e.g. 512,256.", Section.HYPERPARAMETERS, Group.NETWORK,
            new ValueTypes.LayerSizes(10, 8192), s -> s.hyperparameters().hiddenUnits(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withHiddenUnits(v)));

    public static final Setting<HiddenActivation> ACTIVATION = new Setting<>("activation", "Activation", "NAME",
            "Nonlinearity of the hidden layers: relu (the notebook) or sigmoid (the BN paper).", Section.HYPERPARAMETERS,
            Group.NETWORK, new ValueTypes.OneOf<>(HiddenActivation.class), s -> s.hyperparameters().activation(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withActivation(v)));

    public static final Setting<WeightInitScheme> WEIGHT_INIT = new Setting<>("weight-init", "Weight init", "NAME",
            "uniform: weights and biases in +-1/sqrt(fan-in), as PyTorch's nn.Linear; gaussian: weights N(0, 1/fan-in), biases 0.",
            Section.HYPERPARAMETERS, Group.NETWORK, new ValueTypes.OneOf<>(WeightInitScheme.class),
            s -> s.hyperparameters().weightInit(), (s, v) -> s.withHyperparameters(s.hyperparameters().withWeightInit(v)));

    public static final Setting<Optimizer> OPTIMIZER = new Setting<>("optimizer", "Optimizer", "NAME",
            "nesterov: SGD with Nesterov momentum (DL4J's Nesterovs); momentum: SGD with classical momentum, as "
                    + "PyTorch's torch.optim.SGD in the notebook; sgd: plain SGD, momentum unused.",
            Section.HYPERPARAMETERS, Group.TRAINING, new ValueTypes.OneOf<>(Optimizer.class),
            s -> s.hyperparameters().optimizer(), (s, v) -> s.withHyperparameters(s.hyperparameters().withOptimizer(v)));

    public static final Setting<Double> LEARNING_RATE = new Setting<>("learning-rate", "Learning rate", "LR",
            "Learning rate.", Section.HYPERPARAMETERS, Group.TRAINING, new ValueTypes.Decimal(0, false, 10, true),
            s -> s.hyperparameters().learningRate(), (s, v) -> s.withHyperparameters(s.hyperparameters().withLearningRate(v)));

    public static final Setting<Double> MOMENTUM = new Setting<>("momentum", "Momentum", "M",
            "Momentum of the nesterov and momentum optimizers.", Section.HYPERPARAMETERS, Group.TRAINING,
            new ValueTypes.Decimal(0, true, 1, false), s -> s.hyperparameters().momentum(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withMomentum(v)));

    public static final Setting<Integer> BATCH_SIZE = new Setting<>("batch-size", "Batch size", "N",
            "Minibatch size, at most the number of training examples.", Section.HYPERPARAMETERS, Group.TRAINING,
            new ValueTypes.Int(1, Hyperparameters.MNIST_TRAIN), s -> s.hyperparameters().batchSize(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withBatchSize(v)));

    public static final Setting<Integer> EPOCHS = new Setting<>("epochs", "Epochs", "N", "Training epochs.",
            Section.HYPERPARAMETERS, Group.TRAINING, new ValueTypes.Int(1, 1000), s -> s.hyperparameters().epochs(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withEpochs(v)));

    public static final Setting<Integer> TRAIN_EXAMPLES = new Setting<>("train-examples", "Train examples", "N",
            "Train on N of the 60,000 training images (a seeded random subset), for quick runs.",
            Section.HYPERPARAMETERS, Group.DATA, new ValueTypes.Int(1, Hyperparameters.MNIST_TRAIN),
            s -> s.hyperparameters().trainExamples(), (s, v) -> s.withHyperparameters(s.hyperparameters().withTrainExamples(v)));

    public static final Setting<Integer> TEST_EXAMPLES = new Setting<>("test-examples", "Test examples", "N",
            "Evaluate on the first N of the 10,000 test images.", Section.HYPERPARAMETERS, Group.DATA,
            new ValueTypes.Int(1, Hyperparameters.MNIST_TEST), s -> s.hyperparameters().testExamples(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withTestExamples(v)));

    public static final Setting<List<Variant>> VARIANTS = new Setting<>("variants", "Variants", "P,P,...",
            "The networks to compare, by BN placement: none, after (dense -> activation -> BN, the notebook), "
                    + "before (dense without bias -> BN -> activation, the BN paper). The first is the reference.",
            Section.EXPERIMENT, Group.SEEDS, new ValueTypes.Variants(6), ExperimentSpec::variants,
            ExperimentSpec::withVariants);

    public static final Setting<Integer> SEEDS = new Setting<>("seeds", "Seeds", "N",
            "Runs of every variant, with seeds S, S+1, ... Variants of one seed see the same minibatches and start "
                    + "from the same weights (a paired design); 5 seeds give an interval, 10 a claim.",
            Section.EXPERIMENT, Group.SEEDS, new ValueTypes.Int(1, 100), ExperimentSpec::seeds, ExperimentSpec::withSeeds);

    public static final Setting<Long> SEED = new Setting<>("seed", "First seed", "S",
            "Seed of the first run's weights and data order.", Section.HYPERPARAMETERS, Group.SEEDS,
            new ValueTypes.AnyLong(), s -> s.hyperparameters().seed(),
            (s, v) -> s.withHyperparameters(s.hyperparameters().withSeed(v)));

    public static final Setting<Sweep> SWEEP = new Setting<>("sweep", "Sweep", "SETTING=V1,V2,...",
            "Run every variant and seed at each value of one setting, e.g. learning-rate=0.01,0.1,1 or "
                    + "learning-rate=log:0.01:3:6 (6 log-spaced values); empty for none.",
            Section.EXPERIMENT, Group.SEEDS, new ValueTypes.SweepAxis(), ExperimentSpec::sweep, ExperimentSpec::withSweep);

    public static final Setting<Integer> EVAL_EVERY = new Setting<>("eval-every", "Measure every", "K",
            "Every K iterations, measure accuracy, activation percentiles and layer health on the probe images "
                    + "(without changing the network); 0 turns this off.",
            Section.MONITORING, Group.MONITORING, new ValueTypes.Int(0, 1_000_000), s -> s.monitoring().evalEvery(),
            (s, v) -> s.withMonitoring(s.monitoring().withEvalEvery(v)));

    public static final Setting<Integer> EVAL_EXAMPLES = new Setting<>("eval-examples", "Probe images", "N",
            "The first N test images, the same for every run and every time: accuracy over training and the "
                    + "activation percentiles are measured on them.",
            Section.MONITORING, Group.MONITORING, new ValueTypes.Int(10, Hyperparameters.MNIST_TEST),
            s -> s.monitoring().evalExamples(), (s, v) -> s.withMonitoring(s.monitoring().withEvalExamples(v)));

    public static final Setting<Integer> PROBE_UNIT = new Setting<>("probe-unit", "Unit followed", "U",
            "The unit of the last hidden layer whose input distribution charts show by default (0-based), as the "
                    + "BN paper's Figure 1 follows one sigmoid.",
            Section.MONITORING, Group.MONITORING, new ValueTypes.Int(0, 8191), s -> s.monitoring().probeUnit(),
            (s, v) -> s.withMonitoring(s.monitoring().withProbeUnit(v)));

    /** All settings, in the order shown. */
    public static final List<Setting<?>> ALL = List.of(HIDDEN_UNITS, ACTIVATION, WEIGHT_INIT, OPTIMIZER, LEARNING_RATE,
            MOMENTUM, BATCH_SIZE, EPOCHS, TRAIN_EXAMPLES, TEST_EXAMPLES, VARIANTS, SEEDS, SEED, SWEEP, EVAL_EVERY,
            EVAL_EXAMPLES, PROBE_UNIT);

    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
