package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.platform.Platform;
import java.util.List;

/** {@link AuditRule#MISSING_SONAME}: an ELF library has a SONAME, a Mach-O one an install name. */
final class MissingSonameCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.MISSING_SONAME;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        if (l.identity() != null) {
            return List.of();
        }
        if (l.format() == BinaryFormat.ELF) {
            return List.of(new Violation("has no SONAME, so a library that needs it cannot be matched against the"
                    + " copy nativelib preloads.", "link it with -Wl,-soname," + l.library().fileName()
                    + " (CMake sets it for SHARED libraries; MODULE libraries have none)."));
        }
        if (l.format() == BinaryFormat.MACH_O) {
            return List.of(new Violation("has no install name (LC_ID_DYLIB): it is a bundle, which no other library"
                    + " can link against.", "build it as a dynamic library (-dynamiclib, CMake SHARED) if other"
                    + " libraries link against it."));
        }
        return List.of();
    }
}
