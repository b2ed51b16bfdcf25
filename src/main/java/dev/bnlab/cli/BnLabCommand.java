package dev.bnlab.cli;

import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.experiment.ExperimentConfig;
import dev.bnlab.report.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** BN Lab's command line: the settings shared by the window and the headless mode. */
@Command(name = "bnlab", mixinStandardHelpOptions = true, versionProvider = BnLabCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Trains two MLPs on MNIST, with and without Batch Normalization, side by side on the same"
                + " minibatches, and compares their loss curves and test accuracy.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:finished", "1:a run failed", "2:bad command line or settings",
                "3:MNIST data missing or damaged", "4:output folder not writable",
                "130:stopped (Ctrl-C / SIGTERM); results so far are written"})
public final class BnLabCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What runs once the command line is parsed and valid: the headless job or the window. */
    public interface Action {
        int run(BnLabCommand command);
    }

    private final Action action;

    public BnLabCommand(Action action) {
        this.action = action;
    }


    @Option(names = "--no-gui", description = "Run headless: console progress, results written to --output.")
    public boolean noGui;

    @Option(names = "--fetch-data", description = "Only provide and verify the MNIST files in --data-dir, then exit.")
    public boolean fetchData;

    @Option(names = "--autostart", description = "Window: start training as soon as it opens.")
    public boolean autostart;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (1-1000; default: ${DEFAULT-VALUE}).")
    public int epochs = ExperimentConfig.defaults().epochs();

    @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    public int batchSize = ExperimentConfig.defaults().batchSize();

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Learning rate, > 0 (default: ${DEFAULT-VALUE}).")
    public double learningRate = ExperimentConfig.defaults().learningRate();

    @Option(names = "--momentum", paramLabel = "M", description = "Nesterov momentum, 0 <= M < 1 (default: ${DEFAULT-VALUE}).")
    public double momentum = ExperimentConfig.defaults().momentum();

    @Option(names = "--seed", paramLabel = "S", description = "Seed for weights and data order (default: ${DEFAULT-VALUE}).")
    public long seed = ExperimentConfig.defaults().seed();

    @Option(names = "--train-examples", paramLabel = "N",
            description = "Train on N of the 60,000 training images, a seeded random subset, for quick runs (default: ${DEFAULT-VALUE}).")
    public int trainExamples = ExperimentConfig.defaults().trainExamples();

    @Option(names = "--test-examples", paramLabel = "N",
            description = "Evaluate on the first N of the 10,000 test images (default: ${DEFAULT-VALUE}).")
    public int testExamples = ExperimentConfig.defaults().testExamples();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the four raw MNIST IDX files; missing files are fetched there (default: DL4J's folder, ${DEFAULT-VALUE}).")
    public Path dataDir = MnistProvisioner.defaultDirectory();

    @Option(names = "--output", paramLabel = "DIR",
            description = "Folder for metrics.csv, summary.json and loss.png (default: a new runs/<date-time> folder).")
    public Path output;

    @Override
    public Integer call() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid settings:\n  - "
                    + String.join("\n  - ", problems));
        }
        return action.run(this);
    }

    public ExperimentConfig config() {
        return new ExperimentConfig(epochs, batchSize, learningRate, momentum, seed, trainExamples, testExamples,
                ExperimentConfig.defaults().hiddenUnits(), ExperimentConfig.defaults().runs());
    }

    public Path outputOrDefault() {
        return output != null ? output
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Settings out of range, each with its valid range; empty when all are valid. */
    public List<String> problems() {
        return config().problems();
    }

    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"BN Lab " + Versions.bnlab(), "Deeplearning4j " + Versions.dl4j() + ", ND4J "
                    + Versions.nd4j() + ", Java " + System.getProperty("java.version")};
        }
    }
}
