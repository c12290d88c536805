package dev.nativelib.loader.override;

import dev.nativelib.loader.descriptor.LibraryEntry;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decides, for one library, between the packaged copy, an override directory and the system's copy. */
public final class LibrarySource {

    private LibrarySource() {
    }

    /**
     * @param file where the library will be loaded from
     * @param why  why from there, e.g. {@code packaged}
     */
    public record Choice(Path file, String why) {
    }

    /**
     * @param library   the library
     * @param packaged  where its packaged copy is (or will be) extracted
     * @param decision  the package's overrides
     * @param system    the system search path
     * @return the file to load and why
     */
    public static Choice choose(LibraryEntry library, Path packaged, Overrides.Decision decision,
                                SystemLibraries system) {
        if (decision.directory() != null) {
            for (String name : names(library)) {
                Path candidate = decision.directory().resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return new Choice(candidate, "from " + decision.directory() + " (" + decision.source() + ")");
                }
            }
        }
        if (decision.preferSystem()) {
            String name = library.soname() != null ? library.soname() : library.fileName();
            Path found = system.find(name.substring(name.lastIndexOf('/') + 1));
            if (found != null) {
                return new Choice(found, "system copy of " + name + " (" + decision.source() + ")");
            }
            return new Choice(packaged, "packaged: the system has no " + name + " (" + decision.source()
                    + " prefers the system's)");
        }
        if (decision.directory() != null) {
            return new Choice(packaged, "packaged: " + decision.directory() + " has no " + library.fileName()
                    + " (" + decision.source() + ")");
        }
        return new Choice(packaged, "packaged");
    }

    private static String[] names(LibraryEntry library) {
        if (library.soname() == null || library.soname().endsWith("/" + library.fileName())
                || library.soname().equals(library.fileName())) {
            return new String[] {library.fileName()};
        }
        String soname = library.soname().substring(library.soname().lastIndexOf('/') + 1);
        return new String[] {library.fileName(), soname};
    }
}
