package dev.bnlab.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of BN Lab and of the libraries that did the math, for {@code summary.json} and {@code --version}. */
public final class Versions {
    private Versions() {
    }

    public static String bnlab() {
        return read("/dev/bnlab/version.properties", "version");
    }

    public static String dl4j() {
        return read("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties", "version");
    }

    public static String nd4j() {
        return read("/META-INF/maven/org.nd4j/nd4j-api/pom.properties", "version");
    }

    private static String read(String resource, String key) {
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
