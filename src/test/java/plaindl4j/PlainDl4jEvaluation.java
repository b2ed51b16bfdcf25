package plaindl4j;

import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;

import java.io.File;

/**
 * A plain DL4J program, as a user of a saved model would write it, using nothing of BN Lab: the test that runs it
 * copies this class file alone into a folder and starts a JVM whose class path has that folder and DL4J's jars.
 * Arguments: MNIST folder, number of test images, model zips. Prints each model's test accuracy.
 */
public final class PlainDl4jEvaluation {
    private PlainDl4jEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("dev.bnlab.network.LeanDenseLayer");
            System.out.println("BN Lab's classes are on the class path: this is not a plain DL4J program");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            System.out.println("no BN Lab classes on the class path");
        }
        for (int i = 2; i < args.length; i++) {
            Pair<MultiLayerNetwork, Normalizer> model =
                    ModelSerializer.restoreMultiLayerNetworkAndNormalizer(new File(args[i]), true);
            MultiLayerNetwork network = model.getFirst();
            MnistDataSetIterator test = new MnistDataSetIterator(500, Integer.parseInt(args[1]), false, false, false,
                    0, new File(args[0]));
            test.setPreProcessor((DataSetPreProcessor) model.getSecond());
            Evaluation evaluation = network.evaluate(test);
            System.out.println("accuracy " + new File(args[i]).getName() + " " + evaluation.accuracy());
        }
    }
}
