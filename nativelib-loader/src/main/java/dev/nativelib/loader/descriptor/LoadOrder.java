package dev.nativelib.loader.descriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Orders the libraries of one package so that each comes after the libraries of the same package it needs. A library
 * satisfies a needed name when the name's last path segment equals its SONAME / install name / DLL name (last
 * segment), its file name, or the name of an alias pointing at it. Libraries that need nothing from each other keep
 * their given order.
 */
public final class LoadOrder {

    private LoadOrder() {
    }

    /**
     * @param libraries       the libraries, in a stable order (e.g. by path)
     * @param aliases         the package's symbolic links
     * @param caseInsensitive whether names compare ignoring case (Windows)
     * @return the libraries, dependencies first
     * @throws IllegalArgumentException if libraries need each other in a cycle; the message prints the cycle
     */
    public static List<LibraryEntry> sort(List<LibraryEntry> libraries, List<AliasEntry> aliases,
                                          boolean caseInsensitive) {
        Map<String, LibraryEntry> byKey = new HashMap<>();
        Map<String, LibraryEntry> byPath = new HashMap<>();
        for (LibraryEntry l : libraries) {
            byPath.put(l.path(), l);
            byKey.putIfAbsent(key(l.fileName(), caseInsensitive), l);
            if (l.soname() != null) {
                byKey.putIfAbsent(key(l.soname(), caseInsensitive), l);
            }
        }
        Map<String, LibraryEntry> resolved = resolveAll(aliases, byPath);
        for (AliasEntry a : aliases) {
            LibraryEntry target = resolved.get(a.path());
            if (target != null) {
                byKey.putIfAbsent(key(a.path(), caseInsensitive), target);
            }
        }
        Map<LibraryEntry, List<LibraryEntry>> deps = new LinkedHashMap<>();
        for (LibraryEntry l : libraries) {
            List<LibraryEntry> needs = new ArrayList<>();
            for (String n : l.needed()) {
                LibraryEntry provider = byKey.get(key(n, caseInsensitive));
                if (provider != null && provider != l && !needs.contains(provider)) {
                    needs.add(provider);
                }
            }
            deps.put(l, needs);
        }
        List<LibraryEntry> order = new ArrayList<>();
        Map<LibraryEntry, Integer> state = new HashMap<>();
        for (LibraryEntry l : libraries) {
            visit(l, deps, state, order, new ArrayList<>());
        }
        return order;
    }

    private static void visit(LibraryEntry l, Map<LibraryEntry, List<LibraryEntry>> deps,
                              Map<LibraryEntry, Integer> state, List<LibraryEntry> order, List<LibraryEntry> path) {
        Integer s = state.get(l);
        if (s != null && s == 2) {
            return;
        }
        path.add(l);
        if (s != null && s == 1) {
            List<LibraryEntry> cycle = path.subList(path.indexOf(l), path.size());
            throw new IllegalArgumentException("libraries need each other in a cycle: "
                    + String.join(" -> ", cycle.stream().map(LibraryEntry::path).toList())
                    + "; break it (a package's libraries must form a dependency order)");
        }
        state.put(l, 1);
        for (LibraryEntry d : deps.get(l)) {
            visit(d, deps, state, order, path);
        }
        state.put(l, 2);
        path.remove(path.size() - 1);
        order.add(l);
    }

    /**
     * Follows every alias, through other aliases, to the library it ends at, in time linear in the number of aliases
     * (a descriptor may hold tens of thousands). Aliases that end nowhere or in a cycle, which a
     * {@link PackageDescriptor} refuses but an install prefix being packaged may hold, are left out.
     *
     * @return alias path to the library it ends at
     */
    static Map<String, LibraryEntry> resolveAll(List<AliasEntry> aliases, Map<String, LibraryEntry> byPath) {
        Map<String, AliasEntry> aliasByPath = new HashMap<>();
        for (AliasEntry a : aliases) {
            aliasByPath.putIfAbsent(a.path(), a);
        }
        Map<String, LibraryEntry> resolved = new HashMap<>();
        Set<String> unresolved = new HashSet<>();
        for (AliasEntry a : aliases) {
            if (resolved.containsKey(a.path()) || unresolved.contains(a.path())) {
                continue;
            }
            List<String> chain = new ArrayList<>();
            Set<String> onChain = new HashSet<>();
            chain.add(a.path());
            onChain.add(a.path());
            LibraryEntry end = null;
            String target = a.resolvedTarget();
            while (true) {
                end = byPath.get(target);
                if (end == null) {
                    end = resolved.get(target);
                }
                AliasEntry next = aliasByPath.get(target);
                if (end != null || next == null || unresolved.contains(target) || !onChain.add(target)) {
                    break;
                }
                chain.add(target);
                target = next.resolvedTarget();
            }
            for (String c : chain) {
                if (end != null) {
                    resolved.put(c, end);
                } else {
                    unresolved.add(c);
                }
            }
        }
        return resolved;
    }

    private static String key(String name, boolean caseInsensitive) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return caseInsensitive ? last.toLowerCase(Locale.ROOT) : last;
    }
}
