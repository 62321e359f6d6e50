package dev.plughub.core.archive;

/** What an archive entry is, as far as the rules care. */
enum EntryKind { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }
