package dev.bnlab.data;

import org.deeplearning4j.common.resources.DL4JResources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Downloads the gzip-compressed files from DL4J's own data server (the URL DL4J would use, which the
 * system property {@code org.deeplearning4j.resources.baseurl} overrides), with bounded time: a short
 * connect timeout, a read timeout, and an overall deadline, instead of DL4J's 200 s connect timeout.
 */
public final class Dl4jDownloadSource implements MnistSource {
    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration deadline;

    public Dl4jDownloadSource(String baseUrl, Duration connectTimeout, Duration readTimeout, Duration deadline) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.deadline = deadline;
    }

    /** DL4J's MNIST location, with timeouts that keep a dead network from hanging the program. */
    public static Dl4jDownloadSource standard() {
        return new Dl4jDownloadSource(DL4JResources.getURLString("datasets/mnist/"),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(3));
    }

    @Override
    public String description() {
        return "download from " + baseUrl;
    }

    /** One HEAD request for the first file; any HTTP answer counts as reachable. */
    @Override
    public void checkReachable(Duration budget) throws IOException {
        URL url = URI.create(baseUrl + MnistFile.TRAIN_IMAGES.fileName() + ".gz").toURL();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        int millis = (int) Math.max(1, budget.toMillis());
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setRequestMethod("HEAD");
        try {
            connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public void fetch(List<ExpectedFile> wanted, Path staging) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        for (ExpectedFile f : wanted) {
            URL url = URI.create(baseUrl + f.fileName() + ".gz").toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            try {
                int status = connection.getResponseCode();
                if (status != 200) {
                    throw new IOException("HTTP " + status + " for " + url);
                }
                try (InputStream in = new GZIPInputStream(connection.getInputStream());
                     OutputStream out = Files.newOutputStream(staging.resolve(f.fileName()))) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                        if (Thread.currentThread().isInterrupted()) {
                            throw new java.io.InterruptedIOException("download stopped");
                        }
                        if (System.nanoTime() > end) {
                            throw new IOException("download took longer than " + deadline.toSeconds() + " s");
                        }
                    }
                }
            } finally {
                connection.disconnect();
            }
        }
    }
}
