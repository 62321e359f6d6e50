package dev.plughub.registry.storage;

/** The SQL dialects Plughub runs on; each has its own migrations folder. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
