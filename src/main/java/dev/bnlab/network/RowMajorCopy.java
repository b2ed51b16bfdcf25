package dev.bnlab.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between ND4J float arrays (in native memory) and Java {@code float[]} in row-major order, with one
 * bulk copy when the array is float and laid out row-major without gaps (a fresh c-order array, a row of the
 * flattened parameters, a transposed f-order matrix), and through a c-order float copy otherwise.
 */
final class RowMajorCopy {
    private RowMajorCopy() {
    }

    /** The array's values in row-major order, into {@code into} when it is long enough. */
    static float[] read(INDArray array, float[] into) {
        int length = Math.toIntExact(array.length());
        float[] values = into != null && into.length >= length ? into : new float[length];
        INDArray a = array.dataType() == DataType.FLOAT && gapless(array) ? array : array.castTo(DataType.FLOAT).dup('c');
        a.data().asNioFloat().get(values, 0, length);
        // the NIO view does not keep the array alive: a c-order copy made outside a workspace must not be
        // collected, and its native memory freed by ND4J's deallocator, before the copy above is done
        java.lang.ref.Reference.reachabilityFence(a);
        return values;
    }

    /** Writes the first {@code target.length()} values into {@code target}, in row-major order. */
    static void write(float[] values, INDArray target) {
        int length = Math.toIntExact(target.length());
        if (target.dataType() != DataType.FLOAT || !gapless(target)) {
            target.assign(org.nd4j.linalg.factory.Nd4j.create(java.util.Arrays.copyOf(values, length), target.shape(), 'c')
                    .castTo(target.dataType()));
            return;
        }
        target.data().asNioFloat().put(values, 0, length);
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
}
