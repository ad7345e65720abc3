package dev.tincan.session;

import java.util.Objects;

/**
 * One message of the library: a name, the payload as typed (escaped text or hex, with
 * placeholders expanded only when it is sent), the framing it was made for, notes, and the
 * folder it is filed in ({@code ""} for the top level).
 *
 * @param framing a framing spec such as {@code len32le}, or {@code null} for "any"
 */
public record SavedMessage(String name, String folder, String payload, boolean hex, String framing, String notes) {
    public SavedMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payload, "payload");
        folder = folder == null ? "" : folder;
        notes = notes == null ? "" : notes;
        if (name.isBlank()) {
            throw new IllegalArgumentException("a saved message needs a name.");
        }
    }
}
