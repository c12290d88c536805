package dev.nativelib.plugin.assemble;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.platform.Platform;
import java.nio.file.Path;

/**
 * A classifier JAR offered for a release: one from the assemble directory, built on another machine, or one this build
 * attached itself.
 *
 * @param file            the JAR
 * @param label           how messages name it: its path below the assemble directory, or its full path followed by
 *                        {@code (attached by this build)}
 * @param descriptor      the descriptor of the one package it holds
 * @param attachedByBuild whether this build attached it (it is then neither attached again nor copied)
 */
public record PlatformJar(Path file, String label, PackageDescriptor descriptor, boolean attachedByBuild) {

    /** @return the platform its descriptor names, which is the classifier it is deployed with */
    public Platform platform() {
        return descriptor.platform();
    }

    /** @return the classifier it is deployed with: its platform, and {@code -<label>} for a hardware variant */
    public String classifier() {
        return descriptor.classifier();
    }
}
