package dev.plughub.registry.storage;

/**
 * The SQL dialects Plughub runs on; each has its own migrations folder. The few SQL fragments that
 * differ between them and are shared by several stores live here, each as one named method.
 */
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

    /**
     * {@code expr} compared and sorted ignoring ASCII case only, as SQLite's NOCASE does; on
     * PostgreSQL {@code lower()} under the "C" collation folds exactly A-Z, whatever the database's
     * locale, so both databases order and match the same rows.
     */
    public String foldCase(String expr) {
        return switch (this) {
            case SQLITE -> expr + " COLLATE NOCASE";
            case POSTGRESQL -> "lower(" + expr + " COLLATE \"C\")";
        };
    }
}
