package dev.bnlab.network;

import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NesterovsUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.SgdUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * DL4J's {@link MultiLayerUpdater} with less fixed cost per step, for networks without regularization; the
 * arithmetic is DL4J's, to the bit.
 * <ul>
 * <li><b>No empty regularization pass.</b> DL4J 1.0.0-M2.1 applies regularization twice per step for every
 * updater block (before and after the updater), and for each parameter of the block it first cuts views of the
 * flattened parameters and gradient out with {@code reshape} and {@code get(interval)}, even when the parameter
 * has no regularization at all and nothing is done with them. BN Lab's networks have none (no L1, L2 or weight
 * decay): for the notebook's BN network that is 28 pairs of views per step, 0.44 s of each 2-epoch run's CPU time
 * in a profile (0.24 s without BN). Blocks with any regularization keep DL4J's pass.</li>
 * <li><b>Nesterov momentum (and plain SGD) in a Java loop</b>, with the division of the gradient by the
 * minibatch size folded in. DL4J divides the gradient by the minibatch size with one native op per stretch of parameters between BN's
 * running statistics (which are not divided), and then runs one native Nesterov op per updater block; BN's
 * running statistics split the network into blocks, so the BN network paid 3 + 3 such ops per step where the
 * plain network paid 1 + 1. Measured here, the native Nesterov op took 55-250 µs for 1,000-10,000 parameters
 * and ~400 µs for 400,000, the Java loop (copy out, update, copy back) 4-25 µs and ~290 µs. The loop computes
 * what libnd4j's {@code nesterovs_updater} computes, in the same float operations and order:
 * {@code g = g / batch; prev = mu v; v = prev - lr g; update = prev + (-mu - 1) v} (for SGD
 * {@code update = g / batch * lr}), chunk by chunk so that the native memory is read and written once.</li>
 * </ul>
 * The division moves into the blocks only when that changes nothing: every block's parameters are either all
 * divided by the minibatch size or all not (BN's running statistics), no layer normalizes or clips gradients
 * (DL4J does that between the division and the update) and no block is a pretraining block. Otherwise DL4J's
 * division runs as before, and any other updater (Adam, classical momentum, ...) runs DL4J's own op.
 */
public final class LeanUpdater extends MultiLayerUpdater {
    /** The minibatch size to divide by in the blocks this step; 1 when DL4J's own division ran or none is due. */
    private int blockDivisor = 1;
    private final boolean divisionInBlocks;

    /**
     * For a freshly initialised network: like DL4J's own, this allocates a new (zeroed) optimizer state, so a
     * restored or partly trained network would lose its momentum.
     */
    public LeanUpdater(MultiLayerNetwork network) {
        super(network);
        List<UpdaterBlock> blocks = getUpdaterBlocks();
        boolean inBlocks = true;
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock block = blocks.get(i);
            Boolean divided = dividedByMinibatch(block);
            if (!regularized(block)) {
                blocks.set(i, new UnregularizedBlock(block, this, Boolean.TRUE.equals(divided)));
            } else {
                inBlocks = false;
            }
            inBlocks &= divided != null && !block.isPretrainUpdaterBlock();
        }
        for (Trainable layer : getOrderedLayers()) {
            GradientNormalization g = layer.getConfig() == null ? null : layer.getConfig().getGradientNormalization();
            inBlocks &= g == null || g == GradientNormalization.None;
        }
        divisionInBlocks = inBlocks;
    }

    /** Whether the blocks divide the gradient by the minibatch size themselves (else DL4J's division runs). */
    boolean divisionInBlocks() {
        return divisionInBlocks;
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaceMgr) {
        blockDivisor = 1;
        try {
            super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
        } finally {
            blockDivisor = 1;
        }
    }

    @Override
    protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
        if (divisionInBlocks && isExternal) {
            // each block divides its own slice in updateExternalGradient, which is how MultiLayerNetwork calls
            // the blocks (a fresh view of the gradient every step); the other path keeps DL4J's division
            blockDivisor = batchSize;
        } else {
            super.divideByMinibatch(isExternal, gradient, batchSize);
        }
    }

    /** TRUE if DL4J divides every parameter of the block by the minibatch size, FALSE if none, null if mixed. */
    static Boolean dividedByMinibatch(UpdaterBlock block) {
        Boolean all = null;
        for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
            boolean d = p.getLayer().updaterDivideByMinibatch(p.getParamName());
            if (all == null) {
                all = d;
            } else if (all != d) {
                return null;
            }
        }
        return all;
    }

    /** Whether any parameter of the block has a regularization (L1, L2, weight decay). */
    static boolean regularized(UpdaterBlock block) {
        for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
            Trainable layer = p.getLayer();
            List<Regularization> r = layer.getConfig().getRegularizationByParam(p.getParamName());
            if (r != null && !r.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The same block (same offsets, views, state and updater), with nothing to regularize. */
    static final class UnregularizedBlock extends UpdaterBlock {
        private final LeanUpdater owner;
        private final boolean divided;
        private long slicedAddress;
        private long slicedOffset;
        private long slicedLength;
        int slicesCut;
        int javaSteps;
        private INDArray slice;
        private static final int CHUNK = 2048;
        private final float[] gradientChunk = new float[CHUNK];
        private final float[] velocityChunk = new float[CHUNK];

        UnregularizedBlock(UpdaterBlock b, LeanUpdater owner, boolean divided) {
            super(b.getParamOffsetStart(), b.getParamOffsetEnd(), b.getUpdaterViewOffsetStart(), b.getUpdaterViewOffsetEnd(),
                    b.getLayersAndVariablesInBlock());
            this.owner = owner;
            this.divided = divided;
            setUpdaterView(b.getUpdaterView());
            setGradientView(b.getGradientView());
            setUpdaterViewRequiresInitialization(b.isUpdaterViewRequiresInitialization());
            setGradientUpdater(b.getGradientUpdater());
        }

        /**
         * DL4J's block update for an external gradient (how {@code MultiLayerNetwork} calls it), minus the
         * regularization pass, plus the minibatch division when the owner left it to the blocks; the block's
         * slice of the gradient is cut once per gradient array instead of every step, and a block without an
         * updater (BN's running mean and variance) is left alone, as DL4J's NoOp updater leaves it.
         */
        @Override
        public void updateExternalGradient(int iteration, int epoch, INDArray fullNetworkGradientView,
                                           INDArray fullNetworkParamsArray) {
            int divisor = divided ? owner.blockDivisor : 1;
            GradientUpdater<?> updater = getGradientUpdater();
            if (divisor == 1 && updater instanceof NoOpUpdater || getLayersAndVariablesInBlock().get(0).getLayer().numParams() == 0) {
                return;
            }
            // DL4J hands over a fresh reshaped view of the same flattened gradient every step: same memory, same
            // slice. (The slice keeps that memory alive, so no other array can start at its address meanwhile.)
            long address = fullNetworkGradientView.data().address();
            if (slice == null || address != slicedAddress || fullNetworkGradientView.offset() != slicedOffset
                    || fullNetworkGradientView.length() != slicedLength || !RowMajorCopy.gapless(fullNetworkGradientView)) {
                INDArray block = fullNetworkGradientView.reshape(fullNetworkGradientView.length())
                        .get(NDArrayIndex.interval(getParamOffsetStart(), getParamOffsetEnd()));
                slice = block.reshape(block.length());
                slicesCut++;
                slicedAddress = address;
                slicedOffset = fullNetworkGradientView.offset();
                slicedLength = fullNetworkGradientView.length();
            }
            if (updater instanceof NesterovsUpdater && nesterovsInJava((NesterovsUpdater) updater, iteration, epoch, divisor)
                    || updater instanceof SgdUpdater && sgdInJava((SgdUpdater) updater, iteration, epoch, divisor)) {
                return;
            }
            if (divisor != 1) {
                slice.divi(divisor);
            }
            if (!(updater instanceof NoOpUpdater)) {
                updater.applyUpdater(slice, iteration, epoch);
            }
        }

        /**
         * libnd4j's {@code nesterovs_updater} on float arrays, after {@code g /= divisor}; false (nothing done)
         * unless the gradient slice and the velocity are float arrays laid out without gaps.
         */
        private boolean nesterovsInJava(NesterovsUpdater updater, int iteration, int epoch, int divisor) {
            INDArray velocity = updater.getState().get(NesterovsUpdater.V_STATE);
            if (velocity == null || slice.dataType() != DataType.FLOAT || velocity.dataType() != DataType.FLOAT
                    || velocity.length() != slice.length() || !RowMajorCopy.gapless(velocity) || !RowMajorCopy.gapless(slice)) {
                return false;
            }
            Nesterovs config = updater.getConfig();
            final float momentum = (float) config.currentMomentum(iteration, epoch);
            final float lr = (float) config.getLearningRate(iteration, epoch);
            final float momentumT = -momentum - 1;
            final int n = Math.toIntExact(slice.length());
            // chunk by chunk, so the Java arrays stay in the L1 cache and the native memory is read and written
            // once, as the native op does
            // ND4J's NIO view starts at the array's offset as its position; absolute indices ignore the position
            final FloatBuffer gradient = slice.data().asNioFloat().slice();
            final FloatBuffer state = velocity.data().asNioFloat().slice();
            final float[] g = gradientChunk;
            final float[] v = velocityChunk;
            for (int start = 0; start < n; start += CHUNK) {
                final int m = Math.min(CHUNK, n - start);
                gradient.get(start, g, 0, m);
                state.get(start, v, 0, m);
                divide(g, m, divisor);
                for (int i = 0; i < m; i++) {
                    final float prev = momentum * v[i];
                    final float next = prev - lr * g[i];
                    v[i] = next;
                    g[i] = prev + momentumT * next;
                }
                state.put(start, v, 0, m);
                gradient.put(start, g, 0, m);
            }
            java.lang.ref.Reference.reachabilityFence(slice);
            java.lang.ref.Reference.reachabilityFence(velocity);
            javaSteps++;
            return true;
        }

        /** libnd4j's {@code sgd_updater} ({@code g *= lr}) on a float array, after {@code g /= divisor}. */
        private boolean sgdInJava(SgdUpdater updater, int iteration, int epoch, int divisor) {
            if (slice.dataType() != DataType.FLOAT || !RowMajorCopy.gapless(slice)) {
                return false;
            }
            final float lr = (float) updater.getConfig().getLearningRate(iteration, epoch);
            final int n = Math.toIntExact(slice.length());
            final FloatBuffer gradient = slice.data().asNioFloat().slice();
            final float[] g = gradientChunk;
            for (int start = 0; start < n; start += CHUNK) {
                final int m = Math.min(CHUNK, n - start);
                gradient.get(start, g, 0, m);
                divide(g, m, divisor);
                for (int i = 0; i < m; i++) {
                    g[i] = g[i] * lr;
                }
                gradient.put(start, g, 0, m);
            }
            java.lang.ref.Reference.reachabilityFence(slice);
            javaSteps++;
            return true;
        }

        /** DL4J's minibatch division ({@code divi}) of the first {@code m} values, in float; nothing for 1. */
        private static void divide(float[] g, int m, int divisor) {
            if (divisor != 1) {
                final float d = divisor;
                for (int i = 0; i < m; i++) {
                    g[i] = g[i] / d;
                }
            }
        }

        @Override
        protected void applyRegularizationAllVariables(Regularization.ApplyStep applyStep, int iteration, int epoch,
                                                       boolean externalGradient, INDArray fullNetworkGradientView,
                                                       INDArray fullNetworkParamsArray) {
            // no parameter of this block has a regularization: DL4J's loop would only cut views
        }
    }
}
