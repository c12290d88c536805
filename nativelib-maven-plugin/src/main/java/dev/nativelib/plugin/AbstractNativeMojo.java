package dev.nativelib.plugin;

import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.audit.AuditPolicies;
import dev.nativelib.plugin.audit.AuditPolicy;
import dev.nativelib.plugin.audit.AuditReport;
import dev.nativelib.plugin.audit.AuditRule;
import dev.nativelib.plugin.audit.Auditor;
import dev.nativelib.plugin.audit.Finding;
import dev.nativelib.plugin.audit.JsonReport;
import dev.nativelib.plugin.audit.Severity;
import dev.nativelib.plugin.audit.TextReport;
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
import dev.nativelib.plugin.pkgconfig.PkgConfigMode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
     * {@code missing-soname} (default warn), {@code absolute-runpath}, {@code escaping-runpath}, {@code wrong-libc},
     * {@code unresolved-dependency}, {@code glibc-too-new}, {@code symbol-version-too-new},
     * {@code variant-architecture} (a hardware variant needs a property of another architecture, see
     * {@code package}); all but
     * {@code missing-soname} fail by default. Example:
     * {@code <auditSeverities><absolute-runpath>warn</absolute-runpath></auditSeverities>}.
     */
    @Parameter
    protected Map<String, String> auditSeverities;

    /**
     * The oldest glibc the package must load on, e.g. {@code 2.17}, for {@code linux-<arch>} packages audited without
     * an {@code auditPolicy}. A library that needs a newer {@code GLIBC_x.y} symbol version is reported by the
     * {@code glibc-too-new} rule; one that needs a C++ runtime version ({@code GLIBCXX_*}, {@code CXXABI_*},
     * {@code GCC_*}) newer than that of the newest manylinux policy with this floor or an older one (for 2.17:
     * manylinux_2_17's {@code GLIBCXX_3.4.19}) by {@code symbol-version-too-new}: a system with that glibc has no
     * newer libstdc++. Unset: neither is checked. Must agree with {@code auditPolicy} if both are set.
     */
    @Parameter(property = "nativelib.glibcFloor")
    protected String glibcFloor;

    /**
     * The named policy to audit Linux packages against, as auditwheel's manylinux and musllinux policies define them:
     * e.g. {@code manylinux_2_28} (alias names such as {@code manylinux2014} work too) for {@code linux-<arch>},
     * {@code musllinux_1_2} for {@code linux-<arch>-musl}. Its library list replaces the default base system, its
     * glibc floor is checked by {@code glibc-too-new}, and the versions of libstdc++, libgcc and the other libraries
     * it lists by {@code symbol-version-too-new}. Several policies, comma-separated, may be named, at most one per C
     * library: each package uses the one for its platform's C library (macOS and Windows packages their default base
     * system). Unset: the default base system, and the {@code glibcFloor} if set. The site's audit page lists the
     * policies.
     */
    @Parameter(property = "nativelib.auditPolicy")
    protected String auditPolicy;

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

    /**
     * Which pkg-config files the package carries, for Meson, autotools and Makefile consumers: {@code auto} ships
     * the install prefix's own {@code .pc} files ({@code <libraryDirectory>/pkgconfig}, {@code share/pkgconfig})
     * made relocatable, or, when it has none, generates one per library, {@code lib/pkgconfig/<name>.pc} named
     * after the library's logical name; {@code generate} always generates them and leaves the prefix's own out;
     * {@code none} ships none. See the site's pkg-config page.
     */
    @Parameter(property = "nativelib.pkgConfig", defaultValue = "auto")
    protected String pkgConfig;

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
                    .withPkgConfig(pkgConfigMode())
                    .withVariant(variant));
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private PkgConfigMode pkgConfigMode() throws MojoExecutionException {
        try {
            return PkgConfigMode.parse(pkgConfig == null ? "auto" : pkgConfig);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid <pkgConfig> (-Dnativelib.pkgConfig): " + e.getMessage(), e);
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
     * Audits a prepared package: logs what each library needs and what provides it, and every finding; writes the
     * report as JSON to {@code target/nativelib-audit-<classifier>.json}; fails if any finding has severity
     * {@code fail}.
     *
     * @param prepared the package to audit, as {@link #prepare} returned it
     * @throws MojoExecutionException if {@code auditPolicy} or {@code glibcFloor} is invalid, an
     *                                {@code auditSeverities} entry names an unknown rule or severity, or the report
     *                                cannot be written
     * @throws MojoFailureException   if any finding has severity {@code fail}; the message lists them
     */
    protected void audit(PreparedPackage prepared) throws MojoExecutionException, MojoFailureException {
        Platform target = prepared.descriptor().platform();
        AuditPolicy policy;
        try {
            policy = AuditPolicies.resolve(target, auditPolicy, glibcFloor);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid audit settings: " + e.getMessage());
        }
        AuditReport report = new Auditor(target, policy, severities(),
                NativeDependencies.providedNames(prepared.request().dependencies()))
                .audit(prepared.audited(), prepared.aliasNames(), prepared.descriptor().variant());
        TextReport.details(report).forEach(getLog()::info);
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.FAIL) {
                getLog().error(f.toString());
            } else {
                getLog().warn(f.toString());
            }
        }
        Path json = Path.of(project.getBuild().getDirectory(), "nativelib-audit-"
                + prepared.descriptor().classifier() + ".json");
        try {
            Files.createDirectories(json.getParent());
            Files.writeString(json, JsonReport.write(report, prepared.descriptor().coordinates()));
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the audit report " + json + ": " + e.getMessage(), e);
        }
        getLog().info("Audit report: " + json);
        if (!report.passed()) {
            throw new MojoFailureException(TextReport.failureMessage(report, installPrefix));
        }
        getLog().info(TextReport.passedMessage(report));
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
