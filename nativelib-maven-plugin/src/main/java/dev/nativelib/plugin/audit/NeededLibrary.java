package dev.nativelib.plugin.audit;

import java.util.List;

/**
 * One library a library needs, and what satisfies it.
 *
 * @param name     the name as the binary records it, e.g. {@code libstdc++.so.6}
 * @param provider what satisfies it
 * @param source   who: the providing file of this package, the dependency's coordinates, the base system's name,
 *                 the other libc's name, or how it is a path; {@code null} when nothing provides it
 * @param versions the ELF symbol versions required from it, e.g. {@code [GLIBCXX_3.4.22]}, in file order
 */
public record NeededLibrary(String name, Provider provider, String source, List<String> versions) {

    /**
     * Copies the list.
     *
     * @param name     the needed name
     * @param provider what satisfies it
     * @param source   who, or {@code null}
     * @param versions the symbol versions required from it
     */
    public NeededLibrary {
        versions = List.copyOf(versions);
    }
}
