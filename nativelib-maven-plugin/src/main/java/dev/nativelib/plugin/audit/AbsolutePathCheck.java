package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditRule#ABSOLUTE_RUNPATH}: no absolute install name, run path or needed path, all of which point into the
 * build machine.
 */
final class AbsolutePathCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.ABSOLUTE_RUNPATH;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        List<Violation> out = new ArrayList<>();
        boolean elf = l.format() == BinaryFormat.ELF;
        String id = l.identity();
        if (l.format() == BinaryFormat.MACH_O && id != null && id.startsWith("/")
                && !BaseSystem.provides("osx", null, id)) {
            out.add(new Violation("has the absolute install name " + id + ", a path on the build machine that"
                    + " libraries linked against it will look for.", "build with -DCMAKE_INSTALL_NAME_DIR=@rpath (or"
                    + " install_name_tool -id @rpath/" + l.library().fileName() + ")."));
        }
        for (String runPath : l.runPaths()) {
            if (runPath.startsWith("/")) {
                out.add(new Violation((elf ? "run path " : "LC_RPATH ") + runPath + " is an absolute path on the"
                        + " build machine; it does not exist where the package is used, and could load something"
                        + " else if it does.", elf
                        ? "build with -DCMAKE_INSTALL_RPATH='$ORIGIN' (or a $ORIGIN-relative path), or set"
                        + " <rewriteRunPaths>true</rewriteRunPaths> to rewrite it while packaging."
                        : "build with -DCMAKE_INSTALL_RPATH=@loader_path (or install_name_tool -rpath " + runPath
                        + " @loader_path)."));
            }
        }
        for (NeededLibrary n : l.needed()) {
            if (n.provider() == Provider.BY_PATH) {
                String file = n.name().substring(n.name().lastIndexOf('/') + 1);
                out.add(new Violation("needs " + n.name() + " by " + n.source() + ", so the dynamic loader looks for"
                        + " that path instead of matching the copy nativelib preloads.", l.format() == BinaryFormat.MACH_O
                        ? "link it by @rpath/" + file + " (its install name should be @rpath/...; install_name_tool"
                        + " -change " + n.name() + " @rpath/" + file + ")."
                        : "link it by SONAME: give the library a SONAME (-Wl,-soname) and link with -l or the file"
                        + " name, not a path."));
            }
        }
        return out;
    }
}
