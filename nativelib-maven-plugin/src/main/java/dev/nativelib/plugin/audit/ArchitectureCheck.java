package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.platform.Platform;
import java.util.List;

/** {@link AuditRule#ARCHITECTURE}: the file format matches the platform's OS and a slice its CPU. */
final class ArchitectureCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.ARCHITECTURE;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        BinaryFormat expected = switch (platform.os()) {
            case "osx" -> BinaryFormat.MACH_O;
            case "windows" -> BinaryFormat.PE;
            default -> BinaryFormat.ELF;
        };
        if (l.format() != expected) {
            return List.of(new Violation("is a " + name(l.format()) + " file, but the package's platform " + platform
                    + " needs " + name(expected) + ".", "package it under the classifier of the platform it was built"
                    + " for (set <platform>), or build it for " + platform + "."));
        }
        if (!l.architectures().contains(platform.arch())) {
            return List.of(new Violation("contains code for " + String.join(", ", l.architectures()) + ", but the"
                    + " package's platform " + platform + " needs " + platform.arch() + ".", "build it for "
                    + platform.arch() + " (check the compiler / CMAKE_OSX_ARCHITECTURES), or package it under the"
                    + " classifier it was built for (set <platform>)."));
        }
        return List.of();
    }

    static String name(BinaryFormat f) {
        return switch (f) {
            case ELF -> "ELF";
            case MACH_O -> "Mach-O";
            case PE -> "PE";
        };
    }
}
