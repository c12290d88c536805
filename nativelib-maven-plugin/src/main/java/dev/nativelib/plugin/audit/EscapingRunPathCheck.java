package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.packaging.PackagePath;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditRule#ESCAPING_RUNPATH}: relative run paths start at the library's directory and stay in the package. */
final class EscapingRunPathCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.ESCAPING_RUNPATH;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        List<Violation> out = new ArrayList<>();
        boolean elf = l.format() == BinaryFormat.ELF;
        String origin = elf ? "$ORIGIN" : "@loader_path";
        String what = elf ? "run path" : "LC_RPATH";
        for (String runPath : l.runPaths()) {
            if (runPath.startsWith("/")) {
                continue;
            }
            String rest = stripOrigin(runPath, elf);
            if (rest == null) {
                out.add(new Violation(what + " " + runPath + " is relative to the process's working directory (or the"
                        + " executable), not to the library.", "make it relative to the library, e.g. " + origin
                        + " or " + origin + "/../lib."));
            } else if (PackagePath.normalise(l.library().directory() + "/" + rest) == null) {
                out.add(new Violation(what + " " + runPath + " leaves the package, so it points at whatever happens"
                        + " to be beside the extracted package.", "keep run paths inside the package (e.g. " + origin
                        + " or " + origin + "/../lib), and ship or declare what it was meant to find."));
            }
        }
        return out;
    }

    /** @return the part after the origin token, or {@code null} if the path does not start with one */
    private static String stripOrigin(String runPath, boolean elf) {
        // dyld does not expand @rpath inside LC_RPATH, and @executable_path is the java launcher's directory.
        String[] tokens = elf ? new String[] {"$ORIGIN", "${ORIGIN}"} : new String[] {"@loader_path"};
        for (String t : tokens) {
            if (runPath.equals(t) || runPath.startsWith(t + "/")) {
                return runPath.substring(t.length());
            }
        }
        return null;
    }
}
