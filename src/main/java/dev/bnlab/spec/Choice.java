package dev.bnlab.spec;

/** A value of a setting with a fixed set of choices: the word used on the command line and in spec files, and what it means. */
public interface Choice {
    /** The word on the command line and in spec files, e.g. {@code relu}. */
    String id();

    /** What the choice means, for --help and the window. */
    String description();
}
