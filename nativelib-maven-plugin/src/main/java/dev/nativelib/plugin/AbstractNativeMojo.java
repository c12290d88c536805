package dev.nativelib.plugin;

import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.audit.AuditRule;
import dev.nativelib.plugin.audit.Auditor;
import dev.nativelib.plugin.audit.Finding;
import dev.nativelib.plugin.audit.Severity;
import dev.nativelib.plugin.audit.VariantCheck;
import dev.nativelib.plugin.deps.NativeDependencies;
import dev.nativelib.plugin.packaging.NativePackager;
import dev.nativelib.plugin.packaging.OutputTimestamp;
import dev.nativelib.plugin.packaging.PackageRequest;
import dev.nativelib.plugin.packaging.PackagingException;
import dev.nativelib.plugin.packaging.PreparedPackage;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.plugin.cmake.CMakeSettings;
import dev.nativelib.plugin.cmake.Compatibility;
import dev.nativelib.plugin.deps.NativeArtifactResolver;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/** Parameters and steps shared by the goals that read an install prefix. */
abstract class AbstractNativeMojo extends AbstractMojo {

    /** The install prefix to package: the directory holding {@code lib/} and {@code include/}. */
    @Parameter(property = "nativelib.installPrefix", defaultValue = "${project.build.directory}/nativelib-install",
            required = true)
    protected File installPrefix;

    /**
     * The platform the binaries are built for, e.g. {@code linux-x86_64} or {@code linux-x86_64-musl}. Defaults to
     * os-maven-plugin's {@code os.detected.classifier} when that extension is active, else to the build machine's
     * platform detected the same way; on a musl-based build machine either gets the {@code -musl} variant. Set it
     * to cross-build, e.g. {@code linux-x86_64-musl} with {@code musl-gcc} on a glibc machine.
     */
    @Parameter(property = "nativelib.platform")
    protected String platform;

    /**
     * Directories below the install prefix that hold the shared libraries, searched with their subdirectories: the
     * default {@code lib} also finds Debian's multiarch {@code lib/x86_64-linux-gnu/} and plugin directories such as
     * {@code lib/x86_64-linux-gnu/engines-3/}. Shared libraries ({@code *.so*}, {@code *.dylib}, {@code *.dll}),
     * their symbolic links, Windows import libraries, CMake packages ({@code <dir>/cmake/},
     * {@code <dir>/<multiarch tuple>/cmake/}) and, with {@code staticLibraries}, static archives are taken from
     * them; every other file in them is left out and listed in the package summary. Set it when a prebuilt tree
     * keeps its libraries elsewhere, e.g. {@code <libraryDirectories><libraryDirectory>runtimes/linux-x64/native
     * </libraryDirectory></libraryDirectories>}.
     */
    @Parameter(defaultValue = "lib,lib64,bin")
    protected List<String> libraryDirectories;

    /**
     * Directory below the install prefix that holds the public headers; everything in it is packaged. On Linux, its
     * multiarch subdirectory ({@code include/x86_64-linux-gnu} for {@code linux-x86_64}, where Debian keeps
     * architecture-specific headers such as {@code openssl/configuration.h}) goes on the imported targets' include
     * path before it, as Debian's compilers search them. A directory that does not exist is left out of the include
     * path.
     */
    @Parameter(defaultValue = "include")
    protected String includeDirectory;

    /**
     * Ant-style patterns, relative to the install prefix, of the files to consider, the way maven-jar-plugin takes
     * them: {@code **} matches any number of directories, {@code *} and {@code ?} characters of one name, a
     * trailing {@code /} everything below. Unset: every file. A file no pattern matches is left out and listed in
     * the package summary. Example: {@code <includes><include>lib/**</include><include>include/**</include>
     * </includes>}.
     */
    @Parameter
    protected List<String> includes;

    /**
     * Ant-style patterns (as for {@code includes}) of files to leave out, applied after {@code includes}; each file
     * left out is listed in the package summary with the pattern. Use it for a development symbolic link whose
     * target is in another distribution package (the packaging error names the exact pattern), for plugins a
     * package does not need, or for anything a prebuilt tree ships that consumers must not get. Example:
     * {@code <excludes><exclude>lib/x86_64-linux-gnu/libfoo.so</exclude><exclude>lib/**}{@code /engines-3/
     * </exclude></excludes>}.
     */
    @Parameter
    protected List<String> excludes;

    /**
     * Package the static archives ({@code *.a}, but not MinGW import libraries {@code *.dll.a}) of the library
     * directories, for consumers that link statically. Each gets a {@code <namespace>::<name>_static} STATIC
     * IMPORTED target ({@code libssl.a} gives {@code OpenSSL::ssl_static}) carrying the include path and linking
     * what the shared library of the same name needs (its static twins); system libraries an archive needs
     * ({@code -lpthread}, {@code -lz}) are the consumer's to add, since an archive does not record them. The loader
     * ignores archives. Windows static {@code *.lib} files cannot be told from import libraries by name and are
     * packaged as import libraries. Off: archives are left out and listed in the package summary.
     */
    @Parameter(property = "nativelib.staticLibraries", defaultValue = "false")
    protected boolean staticLibraries;

    /**
     * Severity per audit rule: {@code fail}, {@code warn} or {@code ignore}. Rules: {@code architecture},
     * {@code missing-soname} (default warn), {@code absolute-runpath}, {@code escaping-runpath},
     * {@code unresolved-dependency}, {@code glibc-too-new}, {@code wrong-libc}, {@code variant-architecture} (a
     * hardware variant needs a property of another architecture, see {@code package}); all but
     * {@code missing-soname} fail by default. Example:
     * {@code <auditSeverities><absolute-runpath>warn</absolute-runpath></auditSeverities>}.
     */
    @Parameter
    protected Map<String, String> auditSeverities;

    /**
     * The oldest glibc the package must load on, e.g. {@code 2.17}. A library that needs a newer
     * {@code GLIBC_x.y} symbol version is reported by the {@code glibc-too-new} rule. Unset: not checked.
     */
    @Parameter(property = "nativelib.glibcFloor")
    protected String glibcFloor;

    /**
     * Rewrite absolute ELF run paths in the packaged copies: entries inside the install prefix become
     * {@code $ORIGIN}-relative, other absolute entries are dropped. The new value must fit in the old one's bytes;
     * when it cannot, the build fails saying so. The install prefix itself is never modified; {@code audit} checks the
     * rewritten copies, as {@code package} would ship them.
     */
    @Parameter(property = "nativelib.rewriteRunPaths", defaultValue = "false")
    protected boolean rewriteRunPaths;

    /**
     * Libraries (by logical name, e.g. {@code provider} for {@code libprovider.so.1}) the loader must open with global
     * symbol scope ({@code RTLD_GLOBAL}): those whose symbols other libraries use without linking against them.
     */
    @Parameter
    protected List<String> globalLibraries;

    /** Timestamp of every JAR entry, for reproducible packages. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** The CMake package name consumers use: {@code find_package(<name>)}. Defaults to the artifactId. */
    @Parameter(property = "nativelib.cmake.packageName")
    protected String cmakePackageName;

    /** The namespace of the imported targets, {@code <namespace>::<library>}. Defaults to the package name. */
    @Parameter(property = "nativelib.cmake.namespace")
    protected String cmakeNamespace;

    /**
     * Which requested versions {@code <Pkg>ConfigVersion.cmake} accepts: {@code AnyNewerVersion},
     * {@code SameMajorVersion}, {@code SameMinorVersion} or {@code ExactVersion}.
     */
    @Parameter(property = "nativelib.cmake.compatibility", defaultValue = "SameMajorVersion")
    protected String cmakeCompatibility;

    /**
     * Include directories (relative to the install prefix) the imported targets carry beyond {@code includeDirectory},
     * e.g. glib's {@code lib/x86_64-linux-gnu/glib-2.0/include}, which holds {@code glibconfig.h}. Every file in
     * them is packaged, wherever they are; one that does not exist, or whose files {@code includes}/{@code excludes}
     * all leave out, stops packaging (the imported targets would name a missing directory, which CMake refuses).
     */
    @Parameter
    protected List<String> cmakeIncludeDirectories;

    /** Compile definitions consumers of the imported targets get, e.g. {@code GREET_SHARED}. */
    @Parameter
    protected List<String> cmakeCompileDefinitions;

    /** Ship the CMake package the install prefix already has (lib/cmake, share/cmake) instead of generating one. */
    @Parameter(property = "nativelib.cmake.keepExisting", defaultValue = "true")
    protected boolean keepExistingCMakeConfig;

    /** Write CMake package files into the package. */
    @Parameter(property = "nativelib.cmake.generate", defaultValue = "true")
    protected boolean generateCMakePackage;

    /** The project being built: its coordinates, build directory, properties and resolved dependencies. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** The build session, whose repository session and reactor projects dependency resolution uses. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Maven Resolver, which fetches the classifier JARs of the project's native dependencies. */
    protected final RepositorySystem repositorySystem;

    /**
     * @param repositorySystem Maven Resolver, injected by the subclass's constructor
     */
    protected AbstractNativeMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    /**
     * Resolves the project's native dependencies for the platform, then scans the install prefix, reads its binaries,
     * optionally rewrites run paths and describes the package, without writing the JAR.
     *
     * @param target the package's platform
     * @param output the JAR that will be written
     * @return the prepared package
     * @throws MojoExecutionException if a native dependency has no JAR for the platform, is a reactor module not yet
     *                                packaged, or cannot be read, or if the CMake settings are invalid
     * @throws MojoFailureException   if the install prefix cannot be packaged, or {@code outputTimestamp} is not a
     *                                valid timestamp
     */
    protected PreparedPackage prepare(Platform target, Path output)
            throws MojoExecutionException, MojoFailureException {
        return prepare(target, null, output);
    }

    /**
     * As {@link #prepare(Platform, Path)}, for a hardware variant of the platform.
     *
     * @param target  the package's platform
     * @param variant the variant, or {@code null} for the platform's baseline
     * @param output  the JAR that will be written
     * @return the prepared package, whose descriptor records the variant
     * @throws MojoExecutionException as {@link #prepare(Platform, Path)}
     * @throws MojoFailureException   as {@link #prepare(Platform, Path)}
     */
    protected PreparedPackage prepare(Platform target, PackageVariant variant, Path output)
            throws MojoExecutionException, MojoFailureException {
        List<FoundPackage> dependencies = NativeArtifactResolver.packages(
                new NativeArtifactResolver(repositorySystem, session, project, getLog()).resolve(target), target);
        for (FoundPackage d : dependencies) {
            getLog().info("Native dependency " + d.descriptor().coordinates() + " [" + target + "]");
        }
        try {
            PackageRequest.Layout layout = new PackageRequest.Layout(installPrefix.toPath(), libraryDirectories,
                    includeDirectory, includes == null ? List.of() : includes,
                    excludes == null ? List.of() : excludes, staticLibraries);
            PackageRequest.Output jar = new PackageRequest.Output(output, OutputTimestamp.parse(outputTimestamp),
                    rewriteRunPaths, Path.of(project.getBuild().getDirectory(), "nativelib-staging",
                    variant == null ? target.name() : target.name() + "-" + variant.label()));
            return NativePackager.prepare(PackageRequest.of(new PackageRequest.Coordinates(project.getGroupId(),
                            project.getArtifactId(), project.getVersion(), target), layout, jar)
                    .withCMake(new PackageRequest.CMake(cmakeSettings(), keepExistingCMakeConfig))
                    .withDependencies(dependencies)
                    .withGlobalLibraries(globalLibraries == null ? List.of() : globalLibraries)
                    .withVariant(variant));
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private CMakeSettings cmakeSettings() throws MojoExecutionException {
        if (!generateCMakePackage) {
            return null;
        }
        String name = cmakePackageName == null || cmakePackageName.isBlank() ? project.getArtifactId()
                : cmakePackageName.trim();
        String namespace = cmakeNamespace == null || cmakeNamespace.isBlank() ? name : cmakeNamespace.trim();
        try {
            return new CMakeSettings(name, namespace, Compatibility.parse(cmakeCompatibility),
                    cmakeIncludeDirectories == null ? List.of() : cmakeIncludeDirectories,
                    cmakeCompileDefinitions == null ? List.of() : cmakeCompileDefinitions);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid CMake settings: " + e.getMessage(), e);
        }
    }

    /**
     * @return the platform to build for: {@code platform} if set, else os-maven-plugin's
     *         {@code os.detected.classifier}, else the build machine's platform with its libc variant
     * @throws MojoExecutionException if the configured or detected classifier is not a valid platform name
     */
    protected Platform targetPlatform() throws MojoExecutionException {
        return BuildPlatform.resolve(platform, project.getProperties());
    }

    /**
     * Audits a prepared package, logs every finding, and fails if any finding has severity {@code fail}.
     *
     * @param prepared the package to audit, as {@link #prepare} returned it
     * @throws MojoExecutionException if {@code glibcFloor} is not a dotted numeric version, or an
     *                                {@code auditSeverities} entry names an unknown rule or severity
     * @throws MojoFailureException   if any finding has severity {@code fail}; the message lists them
     */
    protected void audit(PreparedPackage prepared) throws MojoExecutionException, MojoFailureException {
        Platform target = prepared.descriptor().platform();
        if (glibcFloor != null && !glibcFloor.isBlank()) {
            try {
                VersionOrder.compare(glibcFloor.trim(), "0");
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("Invalid <glibcFloor>: " + e.getMessage());
            }
        }
        Map<String, String> provided = NativeDependencies.providedNames(prepared.request().dependencies());
        Map<AuditRule, Severity> severities = severities();
        List<Finding> findings = new ArrayList<>(new Auditor(target, severities, glibcFloor == null
                || glibcFloor.isBlank() ? null : glibcFloor.trim(), provided.keySet())
                .audit(prepared.audited(), prepared.aliasNames()));
        findings.addAll(VariantCheck.check(target, prepared.descriptor().variant(), severities));
        List<Finding> failures = findings.stream().filter(f -> f.severity() == Severity.FAIL).toList();
        for (Finding f : findings) {
            if (f.severity() == Severity.FAIL) {
                getLog().error(f.toString());
            } else {
                getLog().warn(f.toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new MojoFailureException("nativelib audit of " + installPrefix + " failed with " + failures.size()
                    + " finding" + (failures.size() == 1 ? "" : "s") + ":\n"
                    + failures.stream().map(f -> "  " + f).collect(Collectors.joining("\n"))
                    + "\nFix them, or change a rule's severity with <auditSeverities><rule-id>warn</rule-id>"
                    + "</auditSeverities>.");
        }
        getLog().info("nativelib audit passed: " + prepared.audited().size() + " librar"
                + (prepared.audited().size() == 1 ? "y" : "ies") + " for " + target
                + (findings.isEmpty() ? "" : ", " + findings.size() + " warning" + (findings.size() == 1 ? "" : "s")));
    }

    private Map<AuditRule, Severity> severities() throws MojoExecutionException {
        Map<AuditRule, Severity> out = new EnumMap<>(AuditRule.class);
        if (auditSeverities != null) {
            for (Map.Entry<String, String> e : auditSeverities.entrySet()) {
                try {
                    out.put(AuditRule.byId(e.getKey()), Severity.parse(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new MojoExecutionException("Invalid <auditSeverities> entry <" + e.getKey() + ">"
                            + e.getValue() + "</" + e.getKey() + ">: " + ex.getMessage());
                }
            }
        }
        return out;
    }
}
