package dev.bnlab.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Copies between ND4J arrays (float or double, in native memory) and Java {@code double[]} in row-major order,
 * with one bulk copy when the array is laid out row-major without gaps (a fresh c-order array, a row of the
 * flattened parameters, a transposed f-order matrix), and through a c-order copy otherwise.
 * <p>
 * An instance keeps a {@code float[]} staging array between calls and belongs to one thread.
 */
final class RowMajorCopy {
    private float[] staging = new float[0];

    static boolean supports(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    /** The array's values in row-major order, into {@code into} when it is long enough. */
    double[] read(INDArray array, double[] into) {
        int length = Math.toIntExact(array.length());
        double[] values = into != null && into.length >= length ? into : new double[length];
        INDArray a = gapless(array) ? array : array.dup('c');
        if (a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().get(values, 0, length);
        } else if (a.dataType() == DataType.FLOAT) {
            float[] f = staging(length);
            a.data().asNioFloat().get(f, 0, length);
            for (int i = 0; i < length; i++) {
                values[i] = f[i];
            }
        } else {
            throw new IllegalArgumentException("float or double arrays only, not " + a.dataType());
        }
        // the NIO view does not keep the array alive: a c-order copy made outside a workspace must not be
        // collected, and its native memory freed by ND4J's deallocator, before the copy above is done
        java.lang.ref.Reference.reachabilityFence(a);
        return values;
    }

    /** Writes the first {@code target.length()} values into {@code target}, in row-major order. */
    void write(double[] values, INDArray target) {
        int length = Math.toIntExact(target.length());
        if (!gapless(target)) {
            target.assign(org.nd4j.linalg.factory.Nd4j.create(java.util.Arrays.copyOf(values, length), target.shape(), 'c')
                    .castTo(target.dataType()));
            return;
        }
        if (target.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = target.data().asNioDouble();
            b.put(values, 0, length);
        } else if (target.dataType() == DataType.FLOAT) {
            float[] f = staging(length);
            for (int i = 0; i < length; i++) {
                f[i] = (float) values[i];
            }
            FloatBuffer b = target.data().asNioFloat();
            b.put(f, 0, length);
        } else {
            throw new IllegalArgumentException("float or double arrays only, not " + target.dataType());
        }
    }

    /**
     * Whether the elements sit in the buffer in row-major order without gaps, from the array's offset on:
     * each dimension's stride is the product of the later dimensions' sizes (dimensions of size 1 excepted).
     */
    static boolean gapless(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            long size = a.size(d);
            if (size != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= size;
        }
        return true;
    }

    private float[] staging(int length) {
        if (staging.length < length) {
            staging = new float[length];
        }
        return staging;
    }
}
