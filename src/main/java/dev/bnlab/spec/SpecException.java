package dev.bnlab.spec;

/** A spec file that cannot be used; the message names the file and the field. */
public final class SpecException extends Exception {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
