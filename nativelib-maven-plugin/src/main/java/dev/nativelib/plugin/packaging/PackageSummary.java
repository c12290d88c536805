package dev.nativelib.plugin.packaging;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What packaging took from the install prefix beyond the libraries and what it left out, for the build log and for
 * tests.
 *
 * @param includePath the include directories the imported targets carry, in search order
 * @param staticLibraries the static archives packaged
 * @param leftOut     every file of the prefix that is not packaged, sorted by path
 */
public record PackageSummary(List<String> includePath, List<String> staticLibraries, List<LeftOut> leftOut) {

    /** How many paths the log shows per reason before it says how many more there are. */
    private static final int SHOWN = 5;

    /**
     * Copies the lists.
     *
     * @param includePath     the include directories the imported targets carry
     * @param staticLibraries the static archives packaged
     * @param leftOut         every file of the prefix that is not packaged
     */
    public PackageSummary {
        includePath = List.copyOf(includePath);
        staticLibraries = List.copyOf(staticLibraries);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * @return the summary as log lines: the include path, the static archives, then one line per reason a file was
     *         left out, with its count and the first few paths
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!includePath.isEmpty()) {
            out.add("Include path: " + String.join(", ", includePath));
        }
        if (!staticLibraries.isEmpty()) {
            out.add("Static archives: " + String.join(", ", staticLibraries));
        }
        // One line per reason and, for <excludes>, per pattern: the pattern that left a file out is the one to edit.
        Map<LeftOut.Reason, Map<String, List<String>>> grouped = new EnumMap<>(LeftOut.Reason.class);
        leftOut.forEach(l -> grouped.computeIfAbsent(l.reason(), r -> new LinkedHashMap<>())
                .computeIfAbsent(l.detail() == null ? "" : " " + l.detail(), d -> new ArrayList<>()).add(l.path()));
        grouped.forEach((reason, byDetail) -> byDetail.forEach((detail, files) -> out.add("Left out " + files.size()
                + " file" + (files.size() == 1 ? "" : "s") + ", " + reason.description() + detail + ": "
                + String.join(", ", files.subList(0, Math.min(SHOWN, files.size())))
                + (files.size() > SHOWN ? " and " + (files.size() - SHOWN) + " more" : ""))));
        return out;
    }
}
