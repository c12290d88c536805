package dev.nativelib.plugin.audit;

import dev.nativelib.loader.platform.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditRule#WRONG_LIBC}: a library of a glibc package needs none of musl's libraries, one of a musl package
 * none of glibc's.
 */
final class WrongLibcCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.WRONG_LIBC;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        List<Violation> out = new ArrayList<>();
        for (NeededLibrary n : l.needed()) {
            if (n.provider() != Provider.OTHER_LIBC) {
                continue;
            }
            String owner = n.source();
            String expected = owner.equals("musl") ? "glibc" : "musl";
            Platform other = Platform.of(platform.os(), platform.arch(), owner.equals("musl") ? "musl" : null);
            out.add(new Violation("needs " + n.name() + ", which is part of " + owner + ", but the package's platform "
                    + platform + " is for " + expected + "; it will not load on " + expected + " systems.", "build it "
                    + (expected.equals("musl") ? "with musl (musl-gcc, or on a musl distribution such as Alpine)"
                    : "against glibc (gcc on a glibc distribution)") + ", or package it as " + other
                    + " (set <platform>)."));
        }
        return out;
    }
}
