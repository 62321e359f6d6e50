package dev.plughub.core.archive;

import java.io.IOException;
import java.nio.file.Path;

/** Walks the entries of one archive format in order, passing each through the gate to the visitor. */
interface ArchiveWalker {

    void walk(Path archive, EntryGate gate, EntryVisitor visitor) throws IOException;
}
