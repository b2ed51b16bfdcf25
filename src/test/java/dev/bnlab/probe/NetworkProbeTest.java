package dev.bnlab.probe;

import dev.bnlab.network.NetworkFactory;
import dev.bnlab.spec.BnPlacement;
import dev.bnlab.spec.HiddenActivation;
import dev.bnlab.spec.Hyperparameters;
import dev.bnlab.spec.Presets;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The probe's forward pass against a hand-written one in doubles, and against DL4J's own. */
class NetworkProbeTest {
    private static final int IMAGES = 40;

    private static Hyperparameters tiny(HiddenActivation activation) {
        return Presets.load("notebook").hyperparameters().withHiddenUnits(List.of(6, 5)).withActivation(activation);
    }

    private static INDArray images() {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, IMAGES, Hyperparameters.INPUTS);
    }

    /** Moves BN's γ and β away from 1 and 0 (some γ below 0) so the test sees them used. */
    private static void perturbBatchNorm(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                INDArray gamma = net.getLayer(i).getParam("gamma");
                // some negative: BN's output percentiles then come from the input's 85th for the 15th
                gamma.assign(Nd4j.linspace(-0.8, 1.5, gamma.length(), DataType.FLOAT).reshape(gamma.shape()));
                net.getLayer(i).getParam("beta").assign(0.3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BnPlacement.class)
    void percentilesMatchAHandWrittenForwardPass(BnPlacement placement) {
        for (HiddenActivation activation : HiddenActivation.values()) {
            MultiLayerNetwork net = NetworkFactory.create(tiny(activation), placement);
            perturbBatchNorm(net);
            INDArray x = images();

            NetworkProbe.Measurement m = NetworkProbe.measure(net, x);

            List<double[][]> expected = new ArrayList<>(); // per hidden layer: the values at the sites, in order
            List<List<ProbeSite>> expectedSites = new ArrayList<>();
            double[][] a = x.toDoubleMatrix();
            int layer = 0;
            for (int h = 0; h < 2; h++) {
                List<ProbeSite> sites = new ArrayList<>();
                List<double[][]> values = new ArrayList<>();
                double[][] z = affine(a, net.getLayer(layer).getParam("W"), net.getLayer(layer).getParam("b"));
                layer++;
                switch (placement) {
                    case NONE -> {
                        sites.add(ProbeSite.PRE_ACTIVATION);
                        values.add(z);
                        a = activate(z, activation);
                    }
                    case AFTER -> {
                        double[][] act = activate(z, activation);
                        double[][] bn = batchNorm(act, net.getLayer(layer++));
                        sites.addAll(List.of(ProbeSite.PRE_ACTIVATION, ProbeSite.BN_INPUT, ProbeSite.BN_OUTPUT));
                        values.addAll(List.of(z, act, bn));
                        a = bn;
                    }
                    case BEFORE -> {
                        double[][] bn = batchNorm(z, net.getLayer(layer++));
                        layer++; // the activation layer
                        sites.addAll(List.of(ProbeSite.PRE_ACTIVATION, ProbeSite.BN_INPUT));
                        values.addAll(List.of(bn, z));
                        a = activate(bn, activation);
                    }
                }
                HiddenLayerProbe probe = m.hidden().get(h);
                assertThat(probe.layer()).isEqualTo(h + 1);
                assertThat(probe.units()).isEqualTo(h == 0 ? 6 : 5);
                assertThat(probe.sites()).extracting(SiteDistribution::site).containsExactlyInAnyOrderElementsOf(sites);
                for (int s = 0; s < sites.size(); s++) {
                    SiteDistribution d = probe.site(sites.get(s)).orElseThrow();
                    double[][] v = values.get(s);
                    double[] all = new double[IMAGES * v[0].length];
                    for (int u = 0; u < v[0].length; u++) {
                        double[] column = new double[IMAGES];
                        for (int r = 0; r < IMAGES; r++) {
                            column[r] = v[r][u];
                            all[u * IMAGES + r] = v[r][u];
                        }
                        double[] p = percentiles(column);
                        for (int k = 0; k < 3; k++) {
                            assertThat((double) d.unit(u, k)).as("%s %s layer %d %s unit %d p%d", placement, activation,
                                    h + 1, sites.get(s), u, k).isCloseTo(p[k], within(1e-4 + 1e-4 * Math.abs(p[k])));
                        }
                    }
                    double[] pooled = percentiles(all);
                    for (int k = 0; k < 3; k++) {
                        assertThat((double) d.pooled(k)).isCloseTo(pooled[k], within(1e-4 + 1e-4 * Math.abs(pooled[k])));
                    }
                    assertThat(d.mean()).isCloseTo(Arrays.stream(all).average().orElseThrow(), within(1e-4));
                }
            }
            assertThat(m.hidden()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(BnPlacement.class)
    void layerOutputsEqualDl4jsTrainingModeForwardPassAndTheNetworkIsUntouched(BnPlacement placement) {
        MultiLayerNetwork net = NetworkFactory.create(tiny(HiddenActivation.SIGMOID), placement);
        perturbBatchNorm(net);
        INDArray x = images();
        INDArray paramsBefore = net.params().dup();

        NetworkProbe.Measurement m = NetworkProbe.measure(net, x);

        assertThat(net.params()).isEqualTo(paramsBefore); // nothing moved, running statistics included
        List<INDArray> dl4j = net.feedForward(x, true); // [input, layer 0, layer 1, ...]
        assertThat(m.layerNames()).hasSize(net.getnLayers());
        for (int i = 0; i < net.getnLayers(); i++) {
            float[] v = dl4j.get(i + 1).ravel().toFloatVector();
            double[] ms = NetworkProbe.meanAndStd(v);
            assertThat(m.activationMean()[i]).as("layer %d mean", i).isCloseTo(ms[0], within(1e-4));
            assertThat(m.activationStd()[i]).as("layer %d std", i).isCloseTo(ms[1], within(1e-4));
        }
        assertThat(m.layerNames().get(0)).isEqualTo("dense 1");
        assertThat(m.layerNames().get(m.layerNames().size() - 1)).isEqualTo("output");
    }

    /**
     * The brief asked: does a training-mode forward pass move BN's running statistics in DL4J 1.0.0-M2.1? With
     * DL4J's own BatchNormalization layer, no: they change in the backward pass, through the updater.
     */
    @Test
    void dl4jsOwnBatchNormalizationKeepsItsRunningStatisticsInATrainingModeForwardPass() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(Hyperparameters.INPUTS).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(Hyperparameters.INPUTS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray mean = net.getLayer(1).getParam("mean").dup();
        INDArray var = net.getLayer(1).getParam("var").dup();

        net.feedForward(images(), true);
        assertThat(net.getLayer(1).getParam("mean")).isEqualTo(mean);
        assertThat(net.getLayer(1).getParam("var")).isEqualTo(var);

        net.fit(images(), Nd4j.eye(10).getRows(java.util.stream.IntStream.range(0, IMAGES).map(i -> i % 10).toArray()));
        assertThat(net.getLayer(1).getParam("mean")).isNotEqualTo(mean); // a training step does move them
    }

    private static double[][] affine(double[][] a, INDArray w, INDArray b) {
        double[][] wm = w.toDoubleMatrix();
        double[] bv = b == null ? null : b.ravel().toDoubleVector();
        double[][] z = new double[a.length][wm[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < wm[0].length; j++) {
                double s = bv == null ? 0 : bv[j];
                for (int k = 0; k < wm.length; k++) {
                    s += a[r][k] * wm[k][j];
                }
                z[r][j] = s;
            }
        }
        return z;
    }

    private static double[][] activate(double[][] z, HiddenActivation activation) {
        double[][] out = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            out[r] = Arrays.stream(z[r]).map(v -> activation == HiddenActivation.RELU ? Math.max(0, v)
                    : 1 / (1 + Math.exp(-v))).toArray();
        }
        return out;
    }

    private static double[][] batchNorm(double[][] x, org.deeplearning4j.nn.api.Layer layer) {
        double eps = ((BatchNormalization) layer.conf().getLayer()).getEps();
        double[] gamma = layer.getParam("gamma").ravel().toDoubleVector();
        double[] beta = layer.getParam("beta").ravel().toDoubleVector();
        int n = x.length;
        double[][] y = new double[n][x[0].length];
        for (int j = 0; j < x[0].length; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            var /= n;
            for (int r = 0; r < n; r++) {
                y[r][j] = gamma[j] * (x[r][j] - mean) / Math.sqrt(var + eps) + beta[j];
            }
        }
        return y;
    }

    /** 15th, 50th, 85th percentiles by sorting, numpy's linear method. */
    private static double[] percentiles(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] out = new double[3];
        double[] qs = {0.15, 0.5, 0.85};
        for (int k = 0; k < 3; k++) {
            double h = qs[k] * (s.length - 1);
            int lo = (int) Math.floor(h);
            out[k] = lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
        }
        return out;
    }
}
