package dev.bnlab.data;

/**
 * The real MNIST files for tests, provided exactly as for a user: verified in DL4J's folder
 * (~/.deeplearning4j), fetched with npm there when missing. Verified once per test JVM.
 */
public final class RealMnist {
    private static MnistData data;

    private RealMnist() {
    }

    public static synchronized MnistData data() throws MnistDataException {
        if (data == null) {
            data = MnistProvisioner.standard(System.out::println).provide(MnistProvisioner.defaultDirectory());
        }
        return data;
    }
}
