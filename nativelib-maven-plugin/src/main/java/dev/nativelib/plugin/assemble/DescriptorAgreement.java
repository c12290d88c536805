package dev.nativelib.plugin.assemble;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that the descriptors of one package's platforms describe the same package: the same libraries (by logical
 * name, since file names differ per OS: {@code libfoo.so.1}, {@code libfoo.1.dylib}, {@code foo.dll}), the same
 * global libraries, the same required packages and the same CMake package. A consumer's code and build must not
 * depend on which platform they run on.
 */
public final class DescriptorAgreement {

    private final Set<String> platformSpecific;

    /**
     * @param platformSpecificLibraries logical names of libraries only some platforms carry (a runtime DLL bundled on
     *                                  Windows, say); they are left out of the comparison
     */
    public DescriptorAgreement(Collection<String> platformSpecificLibraries) {
        this.platformSpecific = Set.copyOf(platformSpecificLibraries);
    }

    /**
     * @param descriptors one descriptor per platform
     * @return one message per aspect on which they disagree, naming each variant and its platforms; empty if they
     *         agree
     */
    public List<String> differences(Collection<PackageDescriptor> descriptors) {
        List<PackageDescriptor> sorted = descriptors.stream()
                .sorted(Comparator.comparing(PackageDescriptor::classifier)).toList();
        List<String> out = new ArrayList<>();
        compare(sorted, "libraries", true, d -> libraries(d, false), out);
        compare(sorted, "global libraries", true, d -> libraries(d, true), out);
        compare(sorted, "required packages", true, DescriptorAgreement::requirements, out);
        compare(sorted, "CMake packages", false, DescriptorAgreement::cmakePackage, out);
        return out;
    }

    private SortedSet<String> libraries(PackageDescriptor d, boolean globalOnly) {
        return d.libraries().stream().filter(l -> !globalOnly || l.global()).map(LibraryEntry::name)
                .filter(n -> !platformSpecific.contains(n)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SortedSet<String> requirements(PackageDescriptor d) {
        return d.requires().stream().map(DescriptorAgreement::requirement)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String requirement(PackageRequirement r) {
        return r + " " + r.range().text();
    }

    private static SortedSet<String> cmakePackage(PackageDescriptor d) {
        TreeSet<String> out = new TreeSet<>();
        if (d.cmakeName() != null) {
            out.add(d.cmakeName() + " (" + d.cmakeNamespace() + "::)");
        }
        return out;
    }

    /**
     * Groups the platforms by their value of one aspect; more than one group is a disagreement, reported as
     * {@code <what> differ (<items> not on every platform): <value> on <platforms>; <value> on <platforms>}.
     */
    private static void compare(List<PackageDescriptor> descriptors, String what, boolean itemised,
                                Function<PackageDescriptor, SortedSet<String>> aspect, List<String> out) {
        Map<SortedSet<String>, List<String>> groups = new LinkedHashMap<>();
        for (PackageDescriptor d : descriptors) {
            groups.computeIfAbsent(aspect.apply(d), k -> new ArrayList<>()).add(d.classifier());
        }
        if (groups.size() < 2) {
            return;
        }
        TreeSet<String> everywhere = new TreeSet<>();
        groups.keySet().forEach(everywhere::addAll);
        groups.keySet().forEach(everywhere::retainAll);
        TreeSet<String> notEverywhere = new TreeSet<>();
        groups.keySet().forEach(notEverywhere::addAll);
        notEverywhere.removeAll(everywhere);
        out.add(what + " differ" + (itemised ? " (" + String.join(", ", notEverywhere) + " not on every platform)" : "")
                + ": " + groups.entrySet().stream()
                .map(e -> show(e.getKey(), itemised) + " on " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; ")));
    }

    private static String show(SortedSet<String> values, boolean itemised) {
        String joined = String.join(", ", values);
        return values.isEmpty() ? "none" : itemised ? "[" + joined + "]" : joined;
    }
}
