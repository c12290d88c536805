package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.plugin.audit.AuditedLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A package that has been scanned, described and (optionally) relocated, but not yet written: the point at which
 * the audit decides whether it may be written at all.
 *
 * @param request    what was asked for
 * @param descriptor the descriptor, libraries in load order
 * @param sources    each file to put in the JAR, by its path in the package (rewritten copies where relocated)
 * @param generated  generated files (CMake package files) by their path in the package
 * @param audited    the libraries as the audit sees them
 * @param aliasNames file names of the symbolic links, which also satisfy needed names
 * @param rewrites   a description of each run path that was rewritten
 * @param summary    the include path, static archives and every file of the prefix left out, with the reason
 */
public record PreparedPackage(PackageRequest request, PackageDescriptor descriptor, Map<String, Path> sources,
                              Map<String, byte[]> generated,
                              List<AuditedLibrary> audited, Set<String> aliasNames, List<String> rewrites,
                              PackageSummary summary) {
}
