package dev.tincan.ui.rules;

import java.nio.file.Path;

/**
 * Where the window keeps what rules write: snapshots with a relative name go to
 * {@code ~/.tincan/snapshots}, or to the folder the system property
 * {@value #SNAPSHOTS_PROPERTY} names (tests point it under {@code target/}).
 */
public final class RulesStore {
    /** The system property naming the snapshot folder. */
    public static final String SNAPSHOTS_PROPERTY = "tincan.rules.snapshots";

    private RulesStore() {
    }

    /** The folder snapshots with a relative name are written to. */
    public static Path snapshotFolder() {
        String set = System.getProperty(SNAPSHOTS_PROPERTY);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        return Path.of(System.getProperty("user.home"), ".tincan", "snapshots");
    }
}
