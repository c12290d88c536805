package dev.nativelib.plugin.assemble;

import java.util.List;

/**
 * A verified release: one JAR per expected platform, all of this project's version, their descriptors in agreement.
 *
 * @param toAttach        JARs from the directory to attach, sorted by platform
 * @param alreadyAttached JARs this build attached itself, which the release carries as they are
 * @param identical       JARs from the directory left out because this build attached the same bytes
 */
public record Assembly(List<PlatformJar> toAttach, List<PlatformJar> alreadyAttached, List<PlatformJar> identical) {

    /**
     * Copies the lists.
     *
     * @param toAttach        JARs from the directory to attach, sorted by platform
     * @param alreadyAttached JARs this build attached itself
     * @param identical       JARs from the directory skipped as byte-identical to ones this build attached
     */
    public Assembly {
        toAttach = List.copyOf(toAttach);
        alreadyAttached = List.copyOf(alreadyAttached);
        identical = List.copyOf(identical);
    }
}
