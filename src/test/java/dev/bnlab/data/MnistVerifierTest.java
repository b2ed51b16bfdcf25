package dev.bnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MnistVerifierTest {
    @TempDir
    Path dir;

    @Test
    void parsesTheHeaderOfImageAndLabelFiles() throws Exception {
        IdxFiles.write(dir, "imgs", IdxFiles.images(5, 28, 28, 1), IdxKind.IMAGES, 5);
        IdxFiles.write(dir, "lbls", IdxFiles.labels(7, 2), IdxKind.LABELS, 7);

        IdxHeader images = IdxHeader.read(dir.resolve("imgs"));
        IdxHeader labels = IdxHeader.read(dir.resolve("lbls"));

        assertThat(images.magic()).isEqualTo(2051);
        assertThat(images.dimensions()).containsExactly(5, 28, 28);
        assertThat(images.expectedFileSize()).isEqualTo(16 + 5 * 784);
        assertThat(labels.magic()).isEqualTo(2049);
        assertThat(labels.count()).isEqualTo(7);
        assertThat(labels.expectedFileSize()).isEqualTo(8 + 7);
    }

    @Test
    void acceptsFilesThatMatchWhatIsExpected() throws Exception {
        ExpectedFile images = IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(20, 28, 28, 3), IdxKind.IMAGES, 20);
        ExpectedFile labels = IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(20, 4), IdxKind.LABELS, 20);

        List<VerifiedFile> ok = new MnistVerifier(List.of(images, labels)).verifyAll(dir);

        assertThat(ok).extracting(VerifiedFile::fileName).containsExactly("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        assertThat(ok.get(0).sha256()).isEqualTo(images.sha256()).hasSize(64);
    }

    @Test
    void refusesATruncatedFileNamingIt() throws Exception {
        byte[] full = IdxFiles.images(20, 28, 28, 3);
        ExpectedFile expected = IdxFiles.write(dir, "train-images-idx3-ubyte", full, IdxKind.IMAGES, 20);
        Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length / 3));

        assertThatThrownBy(() -> new MnistVerifier(List.of(expected)).verifyAll(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("train-images-idx3-ubyte: truncated")
                .hasMessageContaining(full.length / 3 + " of " + full.length + " bytes");
    }

    @Test
    void refusesAnAlteredFileOfTheRightSize() throws Exception {
        byte[] content = IdxFiles.images(20, 28, 28, 3);
        ExpectedFile expected = IdxFiles.write(dir, "t10k-images-idx3-ubyte", content, IdxKind.IMAGES, 20);
        content[500] ^= 0x55;
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), content);

        assertThatThrownBy(() -> new MnistVerifier(List.of(expected)).verifyAll(dir))
                .isInstanceOf(MnistDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte: content differs from the genuine file (SHA-256");
    }

    @Test
    void refusesGzipBytesWithAHint() throws Exception {
        byte[] raw = IdxFiles.labels(20, 5);
        ExpectedFile expected = IdxFiles.write(dir, "train-labels-idx1-ubyte", raw, IdxKind.LABELS, 20);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw);
        }
        Files.write(dir.resolve("train-labels-idx1-ubyte"), gz.toByteArray());

        assertThatThrownBy(() -> new MnistVerifier(List.of(expected)).verifyAll(dir))
                .hasMessageContaining("train-labels-idx1-ubyte: is gzip-compressed")
                .hasMessageContaining("gunzip");
    }

    @Test
    void refusesAnImagesFileWhereLabelsBelong() throws Exception {
        ExpectedFile expected = IdxFiles.write(dir, "t10k-labels-idx1-ubyte", IdxFiles.labels(20, 5), IdxKind.LABELS, 20);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.images(20, 28, 28, 1));

        assertThatThrownBy(() -> new MnistVerifier(List.of(expected)).verifyAll(dir))
                .hasMessageContaining("t10k-labels-idx1-ubyte: holds images but labels belong here");
    }

    @Test
    void refusesAFileThatIsNotIdxAtAll() throws Exception {
        ExpectedFile expected = IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(20, 5), IdxKind.LABELS, 20);
        Files.writeString(dir.resolve("train-labels-idx1-ubyte"), "<html>404 Not Found</html>");

        assertThatThrownBy(() -> new MnistVerifier(List.of(expected)).verifyAll(dir))
                .hasMessageContaining("train-labels-idx1-ubyte: not an IDX file");
    }

    @Test
    void listsEveryProblemAndEveryMissingFileAtOnce() throws Exception {
        ExpectedFile images = IdxFiles.write(dir, "a-images", IdxFiles.images(4, 28, 28, 3), IdxKind.IMAGES, 4);
        ExpectedFile labels = IdxFiles.write(dir, "a-labels", IdxFiles.labels(4, 3), IdxKind.LABELS, 4);
        Files.delete(dir.resolve("a-images"));
        Files.write(dir.resolve("a-labels"), new byte[]{0, 0});

        MnistVerifier verifier = new MnistVerifier(List.of(images, labels));
        assertThat(verifier.missing(dir)).containsExactly(images);
        assertThatThrownBy(() -> verifier.verifyAll(dir))
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("a-images: missing")
                .hasMessageContaining("a-labels: too short to be an IDX file");
    }

    @Test
    void theGenuineMnistSpecRefusesASmallFileUnderAGenuineName() throws IOException {
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(100, 1));
        ExpectedFile genuine = MnistFile.TRAIN_LABELS.expected();

        assertThatThrownBy(() -> MnistVerifier.verify(dir.resolve("train-labels-idx1-ubyte"), genuine))
                .hasMessageContaining("train-labels-idx1-ubyte: holds 100 items, expected 60000");
        assertThat(MnistVerifier.genuine().expected()).extracting(ExpectedFile::bytes)
                .containsExactly(47_040_016L, 60_008L, 7_840_016L, 10_008L);
    }
}
