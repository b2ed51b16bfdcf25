package dev.bnlab.cli;

import dev.bnlab.IoErrors;
import dev.bnlab.data.MnistData;
import dev.bnlab.data.MnistDataException;
import dev.bnlab.data.MnistProvisioner;
import dev.bnlab.spec.Hyperparameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bnlab evaluate --model FILE}: reads a saved model (BN Lab's models/*.zip, or any DL4J MNIST classifier
 * saved with ModelSerializer) and prints what it is and its accuracy on the MNIST test images.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = BnLabCommand.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Print a saved model's network and its accuracy on the MNIST test images (e.g. a file from"
                + " the models/ folder of a results folder).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "2:bad command line, or the file is missing, unreadable or not an MNIST model",
                "3:MNIST data missing or damaged"})
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", order = 1,
            description = "The model file (a DL4J ModelSerializer zip).")
    Path model;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 2,
            description = "Folder with the four raw MNIST IDX files; missing files are fetched there (default: DL4J's folder, ${DEFAULT-VALUE}).")
    Path dataDir = MnistProvisioner.defaultDirectory();

    @Option(names = "--test-examples", paramLabel = "N", order = 3,
            description = "Evaluate on the first N of the 10,000 test images (1-10000, default: all).")
    int testExamples = 10_000;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (testExamples < 1 || testExamples > 10_000) {
            err.println("Error: --test-examples must be 1 to 10000 (got " + testExamples + ").");
            return ExitCodes.USAGE;
        }
        SavedModelFile file;
        try {
            file = SavedModelFile.read(model);
        } catch (SavedModelFile.InvalidModelException e) {
            err.println("Error: " + e.getMessage() + ".");
            return ExitCodes.USAGE;
        }
        MultiLayerNetwork net = file.network();
        out.printf(Locale.ROOT, "Model: %s (%,d bytes, SHA-256 %s)%n", model.toAbsolutePath(), file.bytes(), file.sha256());
        out.print(net.summary());
        out.printf(Locale.ROOT, "Trained %,d iteration%s, %d epoch%s; optimizer %s%n", net.getIterationCount(),
                net.getIterationCount() == 1 ? "" : "s", net.getEpochCount(), net.getEpochCount() == 1 ? "" : "s",
                optimizer(net));
        out.println("Inputs: " + file.inputs());
        out.flush();
        MnistData data;
        try {
            data = MnistProvisioner.standard(out::println).provide(dataDir);
        } catch (MnistDataException e) {
            err.println("Error: " + e.getMessage());
            return ExitCodes.DATA;
        }
        double accuracy;
        try {
            accuracy = file.testAccuracy(data, testExamples);
        } catch (IOException e) {
            err.println("Error: cannot read the MNIST test images in " + data.directory() + " (" + IoErrors.describe(e) + ").");
            return ExitCodes.DATA;
        }
        long correct = Math.round(accuracy * testExamples);
        out.printf(Locale.ROOT, "Test accuracy: %s (%.2f %%, %,d of %,d test images)%n", text(accuracy),
                100 * accuracy, correct, testExamples);
        out.flush();
        return ExitCodes.OK;
    }

    /** The optimizer of the first layer with parameters (BN Lab trains every layer with one). */
    static String optimizer(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            var layer = net.getLayer(i);
            if (layer.numParams() > 0) {
                String param = layer.paramTable().keySet().iterator().next();
                IUpdater u = layer.conf().getLayer().getUpdaterByParam(param);
                if (u instanceof Nesterovs n && n.getLearningRateSchedule() == null && n.getMomentumISchedule() == null) {
                    return String.format(Locale.ROOT, "Nesterovs (learning rate %s, momentum %s)", n.getLearningRate(),
                            n.getMomentum());
                }
                if (u instanceof Sgd sgd && sgd.getLearningRateSchedule() == null) {
                    return String.format(Locale.ROOT, "Sgd (learning rate %s)", sgd.getLearningRate());
                }
                return String.valueOf(u);
            }
        }
        return "none";
    }

    /** The accuracy as summary.json writes a run's test_accuracy: 6 decimals, no trailing zeros. */
    static String text(double accuracy) {
        return BigDecimal.valueOf(accuracy).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
