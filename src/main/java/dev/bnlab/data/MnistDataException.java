package dev.bnlab.data;

/** The MNIST files are missing, damaged or cannot be provided; the message says which file and what to do. */
public class MnistDataException extends Exception {
    public MnistDataException(String message) {
        super(message);
    }

    public MnistDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
