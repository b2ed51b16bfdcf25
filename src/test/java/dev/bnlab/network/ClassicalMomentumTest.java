package dev.bnlab.network;

import dev.bnlab.data.RealMnist;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Optimizer;
import dev.bnlab.spec.Presets;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Classical momentum, {@code v ← μ·v + g; θ ← θ − lr·v} (PyTorch's SGD with momentum): against a hand computation
 * in doubles, against the recurrence on a BN network trained on real MNIST, through the JSON configuration and
 * through a saved and restored model.
 */
class ClassicalMomentumTest {
    private static final double LR = 0.1;
    private static final double MU = 0.9;

    /** A tiny network: one softmax layer over 6 inputs, 3 classes, in double precision. */
    private static MultiLayerNetwork softmaxRegression(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).updater(updater).weightInit(WeightInit.UNIFORM)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(6)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).getParam("b").assign(org.nd4j.linalg.factory.Nd4j.createFromArray(0.2, -0.1, 0.05).reshape(1, 3));
        return net;
    }

    @Test
    void softmaxRegressionFollowsAHandComputationInDoubles() {
        MultiLayerNetwork net = softmaxRegression(new ClassicalMomentum(LR, MU));
        double[][] w = net.getLayer(0).getParam("W").toDoubleMatrix(); // 6 x 3
        double[] b = net.getLayer(0).getParam("b").toDoubleVector();
        double[][] vw = new double[6][3];
        double[] vb = new double[3];

        for (int step = 0; step < 6; step++) {
            INDArray[] batch = SyntheticBatch.of(100 + step, 8, 6, 3, 1.5, 0.2);
            double[][] x = batch[0].toDoubleMatrix();
            double[][] y = batch[1].toDoubleMatrix();
            int n = x.length;
            // gradient of the mean negative log-likelihood of softmax(xW + b): x^T (p - y) / n and sum(p - y) / n
            double[][] gw = new double[6][3];
            double[] gb = new double[3];
            for (int i = 0; i < n; i++) {
                double[] z = new double[3];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    z[k] = b[k];
                    for (int j = 0; j < 6; j++) {
                        z[k] += x[i][j] * w[j][k];
                    }
                    max = Math.max(max, z[k]);
                }
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    z[k] = Math.exp(z[k] - max);
                    sum += z[k];
                }
                for (int k = 0; k < 3; k++) {
                    double d = z[k] / sum - y[i][k];
                    gb[k] += d / n;
                    for (int j = 0; j < 6; j++) {
                        gw[j][k] += x[i][j] * d / n;
                    }
                }
            }
            for (int k = 0; k < 3; k++) {
                vb[k] = MU * vb[k] + gb[k];
                b[k] -= LR * vb[k];
                for (int j = 0; j < 6; j++) {
                    vw[j][k] = MU * vw[j][k] + gw[j][k];
                    w[j][k] -= LR * vw[j][k];
                }
            }

            net.fit(batch[0], batch[1]);

            double[][] netW = net.getLayer(0).getParam("W").toDoubleMatrix();
            double[] netB = net.getLayer(0).getParam("b").toDoubleVector();
            for (int k = 0; k < 3; k++) {
                assertThat(netB[k]).as("step %d b[%d]", step, k).isCloseTo(b[k], within(1e-12));
                for (int j = 0; j < 6; j++) {
                    assertThat(netW[j][k]).as("step %d W[%d][%d]", step, j, k).isCloseTo(w[j][k], within(1e-12));
                }
            }
        }
        // the velocity DL4J keeps is the hand-computed one (W's values first, as DL4J orders W in 'f' order)
        INDArray state = net.getUpdater().getStateViewArray();
        assertThat(state.length()).isEqualTo(6 * 3 + 3);
        state = state.reshape(state.length());
        INDArray velocityW = state.get(NDArrayIndex.interval(0, 18)).reshape('f', 6, 3);
        for (int j = 0; j < 6; j++) {
            for (int k = 0; k < 3; k++) {
                assertThat(velocityW.getDouble(j, k)).isCloseTo(vw[j][k], within(1e-12));
            }
        }
        assertThat(state.get(NDArrayIndex.interval(18, 21)).toDoubleVector()).containsExactly(vb, within(1e-12));
    }

    @Test
    void itIsNotNesterovAndZeroMomentumIsPlainSgd() {
        MultiLayerNetwork classical = softmaxRegression(new ClassicalMomentum(LR, MU));
        MultiLayerNetwork nesterov = softmaxRegression(new org.nd4j.linalg.learning.config.Nesterovs(LR, MU));
        MultiLayerNetwork zero = softmaxRegression(new ClassicalMomentum(LR, 0));
        MultiLayerNetwork sgd = softmaxRegression(new org.nd4j.linalg.learning.config.Sgd(LR));
        for (int step = 0; step < 4; step++) {
            INDArray[] batch = SyntheticBatch.of(200 + step, 8, 6, 3, 1.5, 0.2);
            for (MultiLayerNetwork n : List.of(classical, nesterov, zero, sgd)) {
                n.fit(batch[0], batch[1]);
            }
        }
        assertThat(classical.params().sub(nesterov.params()).amaxNumber().doubleValue()).isGreaterThan(1e-4);
        assertThat(zero.params().sub(sgd.params()).amaxNumber().doubleValue()).isLessThan(1e-15);
    }

    /** The flattened gradient when DL4J reports it, before the updater turns it into the update. */
    private static final class GradientRecorder extends BaseTrainingListener {
        INDArray gradient;

        @Override
        public void onGradientCalculation(Model model) {
            gradient = model.gradient().gradient().dup();
        }
    }

    private static Hyperparameters tinyNotebook(Optimizer optimizer) {
        return Presets.load("notebook").hyperparameters().withHiddenUnits(List.of(32, 16)).withOptimizer(optimizer)
                .withLearningRate(0.05).withBatchSize(16).withTrainExamples(160);
    }

    private static List<DataSet> mnistBatches(Hyperparameters h) throws Exception {
        DataSetIterator it = RealMnist.data().trainIterator(h.batchSize(), h.trainExamples(), h.seed());
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    @Test
    void aBnNetworkFollowsTheRecurrenceInEveryUpdaterBlockOnRealMnist() throws Exception {
        Hyperparameters h = tinyNotebook(Optimizer.MOMENTUM);
        MultiLayerNetwork net = NetworkFactory.create(h, BnPlacement.AFTER);
        GradientRecorder recorder = new GradientRecorder();
        net.setListeners(recorder);
        List<DataSet> batches = mnistBatches(h);
        assertThat(batches).hasSize(10);

        List<UpdaterBlock> blocks = ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks();
        List<UpdaterBlock> momentumBlocks = blocks.stream()
                .filter(b -> b.getGradientUpdater() instanceof ClassicalMomentumUpdater).toList();
        // dense layers and BN's γ, β take momentum; BN's running mean and variance DL4J moves with NoOp
        assertThat(momentumBlocks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(blocks).allMatch(b -> b.getGradientUpdater() instanceof ClassicalMomentumUpdater
                || b.getGradientUpdater().getConfig() instanceof NoOp);
        long momentumParams = momentumBlocks.stream().mapToLong(b -> b.getParamOffsetEnd() - b.getParamOffsetStart()).sum();
        assertThat(net.getUpdater().getStateViewArray().length()).isEqualTo(momentumParams);

        for (DataSet batch : batches) {
            INDArray paramsBefore = net.params().dup();
            INDArray stateBefore = net.getUpdater().getStateViewArray().dup();
            net.fit(batch);
            INDArray params = net.params();
            INDArray state = net.getUpdater().getStateViewArray();
            double n = batch.numExamples();
            for (UpdaterBlock b : momentumBlocks) {
                var p = NDArrayIndex.interval(b.getParamOffsetStart(), b.getParamOffsetEnd());
                var s = NDArrayIndex.interval(b.getUpdaterViewOffsetStart(), b.getUpdaterViewOffsetEnd());
                // DL4J reports the gradient summed over the minibatch and divides it by n before the updater
                INDArray g = recorder.gradient.reshape(recorder.gradient.length()).get(p).div(n);
                INDArray expectedV = stateBefore.reshape(stateBefore.length()).get(s).mul(MU).addi(g);
                INDArray v = state.reshape(state.length()).get(s);
                assertThat(v.sub(expectedV).amaxNumber().doubleValue())
                        .isLessThanOrEqualTo(1e-6 * expectedV.amaxNumber().doubleValue());
                INDArray expectedP = paramsBefore.reshape(paramsBefore.length()).get(p).sub(v.mul(h.learningRate()));
                INDArray moved = params.reshape(params.length()).get(p);
                assertThat(moved.sub(expectedP).amaxNumber().doubleValue()).isLessThan(1e-6);
                assertThat(v.amaxNumber().doubleValue()).isGreaterThan(0);
            }
        }
    }

    @Test
    void theFactoryChoosesItForTheMomentumOptimizer() {
        MultiLayerConfiguration conf = NetworkFactory.configuration(tinyNotebook(Optimizer.MOMENTUM).withMomentum(0.8),
                BnPlacement.AFTER);
        assertThat(conf.getConfs()).hasSize(5);
        for (var c : conf.getConfs()) {
            BaseLayer layer = (BaseLayer) c.getLayer(); // dense, BN and output layers alike
            assertThat(layer.getIUpdater()).isEqualTo(new ClassicalMomentum(0.05, 0.8));
            if (layer instanceof BatchNormalization bn) {
                assertThat(bn.getUpdaterByParam("gamma")).isEqualTo(new ClassicalMomentum(0.05, 0.8));
                assertThat(bn.getUpdaterByParam("mean")).isInstanceOf(NoOp.class);
            }
        }
    }

    @Test
    void theConfigurationSurvivesAJsonRoundTrip() {
        // an initialised network's configuration, as ModelSerializer writes it: before init() its "variables" are
        // empty and DL4J's reader then takes BN's running variance for a log-std (its legacy rule), with any updater
        MultiLayerConfiguration conf = NetworkFactory.create(tinyNotebook(Optimizer.MOMENTUM), BnPlacement.AFTER)
                .getLayerWiseConfigurations();
        String json = conf.toJson();
        assertThat(json).contains("\"@class\" : \"dev.bnlab.network.ClassicalMomentum\"");

        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);

        assertThat(back).isEqualTo(conf);
        assertThat(back.toJson()).isEqualTo(json);
        for (var c : back.getConfs()) {
            if (c.getLayer() instanceof BaseLayer base) {
                assertThat(base.getIUpdater()).isEqualTo(new ClassicalMomentum(0.05, 0.9));
            }
        }
        // with a learning-rate schedule too
        ClassicalMomentum scheduled = new ClassicalMomentum(new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.99), 0.7);
        MultiLayerConfiguration withSchedule = softmaxRegression(scheduled).getLayerWiseConfigurations();
        MultiLayerConfiguration scheduledBack = MultiLayerConfiguration.fromJson(withSchedule.toJson());
        IUpdater u = ((BaseLayer) scheduledBack.getConf(0).getLayer()).getIUpdater();
        assertThat(u).isEqualTo(scheduled);
        assertThat(u.getLearningRate(10, 0)).isCloseTo(0.1 * Math.pow(0.99, 10), within(1e-15));
    }

    @Test
    void aSavedAndRestoredNetworkKeepsItsVelocityAndContinuesIdentically(@TempDir File dir) throws Exception {
        Hyperparameters h = tinyNotebook(Optimizer.MOMENTUM);
        MultiLayerNetwork net = NetworkFactory.create(h, BnPlacement.AFTER);
        List<DataSet> batches = mnistBatches(h);
        for (int i = 0; i < 5; i++) {
            net.fit(batches.get(i));
        }
        File file = new File(dir, "model.zip");
        ModelSerializer.writeModel(net, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        MultiLayerNetwork withoutState = ModelSerializer.restoreMultiLayerNetwork(file, false);

        INDArray velocity = net.getUpdater().getStateViewArray();
        assertThat(velocity.amaxNumber().doubleValue()).isGreaterThan(0);
        assertBitEqual(restored.getUpdater().getStateViewArray(), velocity);
        assertBitEqual(restored.params(), net.params());
        assertThat(((BaseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater())
                .isEqualTo(new ClassicalMomentum(h.learningRate(), h.momentum()));

        for (int i = 5; i < batches.size(); i++) {
            net.fit(batches.get(i));
            restored.fit(batches.get(i));
            withoutState.fit(batches.get(i));
            assertBitEqual(restored.params(), net.params());
            assertBitEqual(restored.getUpdater().getStateViewArray(), net.getUpdater().getStateViewArray());
        }
        // without the saved velocity the next steps differ: the state is what carries the momentum
        assertThat(withoutState.params().sub(net.params()).amaxNumber().doubleValue()).isGreaterThan(1e-4);
    }

    /** Every value the same, bit for bit (INDArray.equals allows 1e-5). */
    private static void assertBitEqual(INDArray actual, INDArray expected) {
        assertThat(actual.reshape(actual.length()).toFloatVector())
                .isEqualTo(expected.reshape(expected.length()).toFloatVector());
    }

    @Test
    void badHyperparametersAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> new ClassicalMomentum(0.01, 1.0))
                .hasMessage("momentum must be at least 0 and less than 1 (got 1.0)");
        assertThatThrownBy(() -> new ClassicalMomentum(-0.01, 0.9))
                .hasMessage("learning rate must be a finite number >= 0 (got -0.01)");
        assertThatThrownBy(() -> new ClassicalMomentum(Double.NaN, 0.9))
                .hasMessage("learning rate must be a finite number >= 0 (got NaN)");
    }
}
