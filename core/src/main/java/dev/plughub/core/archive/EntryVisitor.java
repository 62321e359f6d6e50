package dev.plughub.core.archive;

import java.io.IOException;
import java.io.InputStream;

/** Receives the entries of an archive that passed the {@link EntryGate}, names already made safe. */
interface EntryVisitor {

    void directory(String name) throws IOException;

    /**
     * @param unixMode the entry's permission bits when the archive records them, else 0
     * @param content  the expanded bytes, metered against the limits; what is not read is drained after
     */
    void file(String name, int unixMode, InputStream content) throws IOException;
}
