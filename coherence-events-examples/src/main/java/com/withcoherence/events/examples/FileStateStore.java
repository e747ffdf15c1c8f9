package com.withcoherence.events.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A {@link StateStore} in one local file, replaced atomically on save. For local runs and tests: a Lambda's
 * {@code /tmp} does not survive its execution environment.
 *
 * <p>Thread-safe for one process: saves replace the file in one rename.
 */
public final class FileStateStore implements StateStore {

    private final Path file;

    /**
     * Creates a store in {@code file}.
     *
     * @param file the file; its directory must exist. Never {@code null}
     */
    public FileStateStore(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        this.file = file;
    }

    @Override
    public Optional<String> load() {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the tracker state from " + file, e);
        }
    }

    @Override
    public void save(String json) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".state", ".json");
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the tracker state to " + file, e);
        }
    }
}
