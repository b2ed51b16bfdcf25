package dev.bnlab.probe;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Looks inside a network without changing it: a forward pass of the probe images as one batch, computed here
 * from the layers' parameters, so no parameter, running statistic, updater state or cached training value of
 * the network can move. BN layers normalise with the probe batch's own mean and variance, as the BN paper's
 * training-mode network does. It records, for every hidden layer, the percentiles of its values at every
 * {@link ProbeSite}, and for every layer the mean and standard deviation of its output.
 * <p>
 * (DL4J's own {@code feedForward(x, true)} would not move BN's running statistics in 1.0.0-M2.1 either —
 * they change in the backward pass, through the updater — but it overwrites the layers' cached inputs and
 * batch statistics; computing here keeps training's state out of reach altogether. A test checks this pass
 * against DL4J's.)
 */
public final class NetworkProbe {

    /** Distributions of every hidden layer, and per DL4J layer its name and output mean and deviation. */
    public record Measurement(List<HiddenLayerProbe> hidden, List<String> layerNames, double[] activationMean,
                              double[] activationStd, INDArray output) {
    }

    private NetworkProbe() {
    }

    /**
     * The pass's arrays live in a workspace of their own (one per training thread, reused from one probe to the
     * next): left to the garbage collector, a probe's ~10 MB of native arrays per call slowed training beside it.
     */
    private static final org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration WORKSPACE =
            org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder()
                    .policyAllocation(org.nd4j.linalg.api.memory.enums.AllocationPolicy.OVERALLOCATE)
                    .overallocationLimit(0.2)
                    .policyLearning(org.nd4j.linalg.api.memory.enums.LearningPolicy.FIRST_LOOP)
                    .policyReset(org.nd4j.linalg.api.memory.enums.ResetPolicy.BLOCK_LEFT)
                    .policySpill(org.nd4j.linalg.api.memory.enums.SpillPolicy.REALLOCATE)
                    .build();
    private static final String WORKSPACE_ID = "BNLAB_PROBE";

    public static Measurement measure(MultiLayerNetwork network, INDArray x) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces();
             MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            Measurement m = forward(network, x);
            return new Measurement(m.hidden(), m.layerNames(), m.activationMean(), m.activationStd(),
                    m.output().detach());
        }
    }

    private static Measurement forward(MultiLayerNetwork network, INDArray x) {
        int n = network.getnLayers();
        List<HiddenLayerProbe> hidden = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] mean = new double[n];
        double[] std = new double[n];
        Map<ProbeSite, INDArray> sites = new EnumMap<>(ProbeSite.class);
        float[][] bnAffine = new float[1][];
        int hiddenLayer = 0;
        INDArray a = x;
        for (int i = 0; i < n; i++) {
            Layer layer = network.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            INDArray out;
            if (conf instanceof BaseOutputLayer outConf) {
                flush(hidden, hiddenLayer, sites, bnAffine);
                out = activate(outConf.getActivationFn(), affine(layer, a));
                names.add("output");
            } else if (conf instanceof DenseLayer dense) {
                flush(hidden, hiddenLayer, sites, bnAffine);
                hiddenLayer++;
                INDArray z = affine(layer, a);
                IActivation fn = dense.getActivationFn();
                if (fn instanceof ActivationIdentity) {
                    sites.put(nextIs(network, i, BatchNormalization.class) ? ProbeSite.BN_INPUT : ProbeSite.PRE_ACTIVATION, z);
                    out = z;
                } else {
                    sites.put(ProbeSite.PRE_ACTIVATION, z);
                    out = activate(fn, z);
                }
                names.add("dense " + hiddenLayer);
            } else if (conf instanceof BatchNormalization bn) {
                sites.putIfAbsent(ProbeSite.BN_INPUT, a);
                out = batchNormalize(layer, bn, a, bnAffine);
                sites.put(nextIs(network, i, ActivationLayer.class) ? ProbeSite.PRE_ACTIVATION : ProbeSite.BN_OUTPUT, out);
                names.add("BN " + hiddenLayer);
            } else if (conf instanceof ActivationLayer act) {
                sites.putIfAbsent(ProbeSite.PRE_ACTIVATION, a);
                out = activate(act.getActivationFn(), a);
                names.add(act.getActivationFn().toString().toLowerCase(Locale.ROOT) + " " + hiddenLayer);
            } else {
                throw new IllegalArgumentException("the probe does not know layer " + i + " ("
                        + conf.getClass().getSimpleName() + ")");
            }
            mean[i] = out.meanNumber().doubleValue();
            std[i] = Math.sqrt(out.var(false).getDouble(0)); // population sd, over every value of the batch
            a = out;
        }
        flush(hidden, hiddenLayer, sites, bnAffine);
        return new Measurement(hidden, names, mean, std, a);
    }

    private static boolean nextIs(MultiLayerNetwork network, int i, Class<?> kind) {
        return i + 1 < network.getnLayers() && kind.isInstance(network.getLayer(i + 1).conf().getLayer());
    }

    private static INDArray affine(Layer layer, INDArray a) {
        INDArray z = a.castTo(layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType())
                .mmul(layer.getParam(DefaultParamInitializer.WEIGHT_KEY));
        INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
        return b == null ? z : z.addiRowVector(b);
    }

    private static INDArray activate(IActivation fn, INDArray z) {
        return fn.getActivation(z.dup(), false);
    }

    /**
     * BN with the batch's own statistics. {@code affine[0]} receives, per unit, γ/σ, μ and β, the map
     * y = β + (γ/σ)(x − μ) from the layer's input to its output: percentiles follow such a map exactly, so the output's
     * per-unit percentiles come from the input's without a second selection.
     */
    private static INDArray batchNormalize(Layer layer, BatchNormalization conf, INDArray x, float[][] affine) {
        INDArray mean = x.mean(0);
        INDArray var = x.var(false, 0);
        INDArray std = Transforms.sqrt(var.addi(conf.getEps()), false);
        INDArray y = x.subRowVector(mean).diviRowVector(std);
        int units = (int) x.columns();
        float[] gamma = new float[units];
        float[] beta = new float[units];
        if (conf.isLockGammaBeta()) {
            java.util.Arrays.fill(gamma, (float) conf.getGamma());
            java.util.Arrays.fill(beta, (float) conf.getBeta());
            y.muli(conf.getGamma()).addi(conf.getBeta());
        } else {
            gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA).ravel().toFloatVector();
            beta = layer.getParam(BatchNormalizationParamInitializer.BETA).ravel().toFloatVector();
            y.muliRowVector(layer.getParam(BatchNormalizationParamInitializer.GAMMA))
                    .addiRowVector(layer.getParam(BatchNormalizationParamInitializer.BETA));
        }
        float[] mu = mean.ravel().toFloatVector();
        float[] sigma = std.ravel().toFloatVector();
        float[] map = new float[3 * units]; // per unit: γ/σ, μ, β: y = β + (γ/σ)(x − μ)
        for (int u = 0; u < units; u++) {
            map[u] = gamma[u] / sigma[u];
            map[units + u] = mu[u];
            map[2 * units + u] = beta[u];
        }
        affine[0] = map;
        return y;
    }

    private static void flush(List<HiddenLayerProbe> hidden, int layer, Map<ProbeSite, INDArray> sites,
                              float[][] bnAffine) {
        if (sites.isEmpty()) {
            return;
        }
        List<SiteDistribution> distributions = new ArrayList<>();
        int units = 0;
        SiteDistribution bnInput = null;
        for (Map.Entry<ProbeSite, INDArray> e : sites.entrySet()) { // in ProbeSite order: BN's input before its output
            INDArray values = e.getValue();
            units = (int) values.columns();
            SiteDistribution d;
            if (e.getKey() == ProbeSite.BN_OUTPUT && bnInput != null && bnAffine[0] != null) {
                d = mapped(e.getKey(), values, bnInput, bnAffine[0]);
            } else {
                d = distribution(e.getKey(), values);
            }
            if (e.getKey() == ProbeSite.BN_INPUT) {
                bnInput = d;
            }
            distributions.add(d);
        }
        hidden.add(new HiddenLayerProbe(layer, units, distributions));
        sites.clear();
        bnAffine[0] = null;
    }

    /**
     * A site whose every unit is an increasing or decreasing affine map of another site's unit (BN's output of
     * its input): its per-unit percentiles are the mapped ones (15th and 85th trade places where the map
     * decreases), exact up to float rounding; the pooled ones are selected from its values.
     */
    static SiteDistribution mapped(ProbeSite site, INDArray values, SiteDistribution from, float[] map) {
        int units = from.units();
        float[] perUnit = new float[units * 3];
        for (int u = 0; u < units; u++) {
            double scale = map[u];
            double mu = map[units + u];
            double beta = map[2 * units + u];
            for (int q = 0; q < 3; q++) {
                int source = scale >= 0 ? q : 2 - q;
                perUnit[u * 3 + q] = (float) (beta + scale * (from.unit(u, source) - mu)); // no cancellation
            }
        }
        float[] all = values.ravel().toFloatVector();
        double[] ms = meanAndStd(all);
        float[] pooled = Percentiles.ofRange(all, 0, all.length, Percentiles.PAPER);
        return new SiteDistribution(site, perUnit, pooled, ms[0], ms[1]);
    }

    /** Percentiles of one site: per unit (a column of the batch) and pooled. */
    static SiteDistribution distribution(ProbeSite site, INDArray values) {
        int rows = (int) values.rows();
        int units = (int) values.columns();
        float[] byUnit = values.transpose().dup('c').ravel().toFloatVector(); // unit-major: each unit's values together
        double[] ms = meanAndStd(byUnit);
        float[] perUnit = new float[units * 3];
        for (int u = 0; u < units; u++) {
            float[] p = Percentiles.ofRange(byUnit, u * rows, (u + 1) * rows, Percentiles.PAPER);
            System.arraycopy(p, 0, perUnit, u * 3, 3);
        }
        float[] pooled = Percentiles.ofRange(byUnit, 0, byUnit.length, Percentiles.PAPER);
        return new SiteDistribution(site, perUnit, pooled, ms[0], ms[1]);
    }

    static double[] meanAndStd(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f;
        }
        double mean = sum / v.length;
        double ss = 0;
        for (float f : v) {
            double d = f - mean;
            ss += d * d;
        }
        return new double[]{mean, Math.sqrt(ss / v.length)};
    }
}
