package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.platform.Platform;
import java.util.List;

/** {@link AuditRule#GLIBC_TOO_NEW}: no {@code GLIBC_x.y} symbol version newer than the glibc floor. */
final class GlibcFloorCheck implements AuditCheck {

    @Override
    public AuditRule rule() {
        return AuditRule.GLIBC_TOO_NEW;
    }

    @Override
    public List<Violation> check(LibraryFacts l, Platform platform, AuditPolicy policy) {
        String floor = policy.glibcFloor();
        String needs = l.info().minimumGlibc();
        if (floor == null || needs == null || VersionOrder.compare(needs, floor) <= 0) {
            return List.of();
        }
        String of = policy.name() != null ? " of " + policy.name() : "";
        return List.of(new Violation("requires GLIBC_" + needs + " (the newest symbol version it uses), newer than the"
                + " floor " + floor + of + "; it will not load on systems with an older glibc.", "build on a system"
                + " (or in a container) whose glibc is " + floor + " or older, or "
                + (policy.name() != null ? "choose a newer <auditPolicy>." : "raise <glibcFloor>.")));
    }
}
