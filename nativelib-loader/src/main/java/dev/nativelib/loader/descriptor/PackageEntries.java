package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules a package's libraries and aliases obey together, so that extraction can write each as a file or link of
 * its own and every link leads to a library:
 *
 * <ul>
 *   <li>no two entries (libraries or aliases) share a path; for Windows and macOS packages not even paths that
 *       differ only in case, since their file systems ignore case by default (Linux packages may hold both
 *       {@code libFoo.so} and {@code libfoo.so}, as Linux file systems can);</li>
 *   <li>no entry is a directory of another ({@code lib/x} and {@code lib/x/y});</li>
 *   <li>each alias points at a library or another alias of the package, compared exactly, and following aliases
 *       ends at a library: no cycles.</li>
 * </ul>
 *
 * Every check takes time linear in the number of entries, so a descriptor at the size limit is checked in
 * milliseconds.
 */
final class PackageEntries {

    private PackageEntries() {
    }

    /**
     * @param pkg       the package, as messages name it: {@code groupId:artifactId:version [platform]}
     * @param platform  its platform
     * @param libraries its libraries
     * @param aliases   its aliases
     * @throws IllegalArgumentException naming the package and the entries that break a rule
     */
    static void check(String pkg, Platform platform, List<LibraryEntry> libraries, List<AliasEntry> aliases) {
        boolean ignoreCase = platform.os().equals("windows") || platform.os().equals("osx");
        int n = libraries.size() + aliases.size();
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String path = path(i, libraries, aliases);
            Integer earlier = byKey.putIfAbsent(key(path, ignoreCase), i);
            if (earlier != null) {
                String first = path(earlier, libraries, aliases);
                String which = " (" + label(earlier, libraries) + " and " + label(i, libraries) + ")";
                throw new IllegalArgumentException(pkg + " lists " + (first.equals(path) ? path + " twice" + which
                        : first + " and " + path + which + ", which differ only in case and are one file on "
                        + (platform.os().equals("osx") ? "macOS" : "Windows"))
                        + "; each library and alias needs a path of its own");
            }
        }
        // An entry that is also a directory of another: extraction would fail on it, or, for a link, write the
        // other entry through it.
        Map<String, Integer> directories = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String path = path(i, libraries, aliases);
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                directories.putIfAbsent(key(path.substring(0, slash), ignoreCase), i);
            }
        }
        for (int i = 0; i < n; i++) {
            String path = path(i, libraries, aliases);
            Integer inside = directories.get(key(path, ignoreCase));
            if (inside != null) {
                boolean alias = i >= libraries.size();
                throw new IllegalArgumentException((alias ? "alias " : "library ") + path + " of " + pkg
                        + " is a directory of another entry (" + path(inside, libraries, aliases) + "); "
                        + (alias ? "aliases must be links to library files" : "libraries are files"));
            }
        }
        Set<String> libraryPaths = new HashSet<>();
        for (LibraryEntry l : libraries) {
            libraryPaths.add(l.path());
        }
        Map<String, AliasEntry> aliasByPath = new HashMap<>();
        for (AliasEntry a : aliases) {
            aliasByPath.put(a.path(), a);
        }
        for (AliasEntry a : aliases) {
            String target = a.resolvedTarget();
            if (!libraryPaths.contains(target) && !aliasByPath.containsKey(target)) {
                throw new IllegalArgumentException("alias " + a.path() + " of " + pkg + " points to " + target
                        + ", which is neither a library nor an alias of the package");
            }
        }
        // Every target exists, so a chain that does not reach a library comes back to an alias of its own.
        Set<String> done = new HashSet<>();
        for (AliasEntry a : aliases) {
            List<String> chain = new ArrayList<>();
            Set<String> onChain = new HashSet<>();
            for (String p = a.path(); aliasByPath.containsKey(p) && !done.contains(p);
                 p = aliasByPath.get(p).resolvedTarget()) {
                if (!onChain.add(p)) {
                    List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(p), chain.size()));
                    cycle.add(p);
                    throw new IllegalArgumentException("aliases of " + pkg + " form a cycle: "
                            + String.join(" -> ", cycle));
                }
                chain.add(p);
            }
            done.addAll(chain);
        }
    }

    private static String path(int i, List<LibraryEntry> libraries, List<AliasEntry> aliases) {
        return i < libraries.size() ? libraries.get(i).path() : aliases.get(i - libraries.size()).path();
    }

    private static String label(int i, List<LibraryEntry> libraries) {
        return i < libraries.size() ? "library " + i : "alias " + (i - libraries.size());
    }

    private static String key(String path, boolean ignoreCase) {
        return ignoreCase ? path.toLowerCase(Locale.ROOT) : path;
    }
}
