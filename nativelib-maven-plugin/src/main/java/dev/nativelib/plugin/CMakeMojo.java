package dev.nativelib.plugin;

import dev.nativelib.loader.cache.Directories;
import dev.nativelib.plugin.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Configures, builds and installs a CMake project into the install prefix that {@code package} reads. When
 * {@code unpack} has run, its {@code nativelib-deps.cmake} is included before the project, so {@code find_package}
 * finds the native dependencies. CMake's output is streamed into the build log.
 */
@Mojo(name = "cmake", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class CMakeMojo extends AbstractMojo {

    /** The directory holding the top-level {@code CMakeLists.txt}. */
    @Parameter(property = "nativelib.cmake.sourceDirectory", defaultValue = "${project.basedir}")
    private File sourceDirectory;

    /** The CMake build directory. */
    @Parameter(property = "nativelib.cmake.buildDirectory", defaultValue = "${project.build.directory}/cmake-build")
    private File buildDirectory;

    /** Where {@code cmake --install} installs to; {@code package} reads the same directory by default. */
    @Parameter(property = "nativelib.installPrefix", defaultValue = "${project.build.directory}/nativelib-install")
    private File installPrefix;

    /** The CMake generator ({@code -G}), e.g. {@code Ninja}; CMake's default when unset. */
    @Parameter(property = "nativelib.cmake.generator")
    private String generator;

    /** {@code CMAKE_BUILD_TYPE} (and {@code --config} for multi-config generators). */
    @Parameter(property = "nativelib.cmake.buildType", defaultValue = "Release")
    private String buildType;

    /** Extra configure arguments, e.g. {@code -DGREET_WITH_TESTS=OFF}. */
    @Parameter
    private List<String> options;

    /** Parallel build jobs; defaults to the number of processors. */
    @Parameter(property = "nativelib.cmake.parallel")
    private Integer parallel;

    /** The {@code cmake} executable. */
    @Parameter(property = "nativelib.cmake.executable", defaultValue = "cmake")
    private String cmakeExecutable;

    /** The file {@code unpack} writes; included before the project when it exists. */
    @Parameter(defaultValue = "${project.build.directory}/nativelib/nativelib-deps.cmake")
    private File depsFile;

    /**
     * Empty the install prefix before installing into it, so files from an earlier build (a library since renamed or
     * removed) cannot end up in the package.
     */
    @Parameter(property = "nativelib.cmake.cleanInstallPrefix", defaultValue = "true")
    private boolean cleanInstallPrefix;

    /** Skips the CMake build. */
    @Parameter(property = "nativelib.cmake.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping nativelib:cmake (nativelib.cmake.skip=true)");
            return;
        }
        if (!new File(sourceDirectory, "CMakeLists.txt").isFile()) {
            throw new MojoExecutionException("No CMakeLists.txt in " + sourceDirectory + "; set <sourceDirectory>"
                    + " (-Dnativelib.cmake.sourceDirectory) to the directory that holds the top-level one.");
        }
        List<String> configure = new ArrayList<>(List.of(cmakeExecutable, "-S", sourceDirectory.getAbsolutePath(),
                "-B", buildDirectory.getAbsolutePath(), "-DCMAKE_BUILD_TYPE=" + buildType,
                "-DCMAKE_INSTALL_PREFIX=" + installPrefix.getAbsolutePath()));
        if (generator != null && !generator.isBlank()) {
            configure.add("-G");
            configure.add(generator);
        }
        if (depsFile.isFile()) {
            configure.add("-DCMAKE_PROJECT_INCLUDE_BEFORE=" + depsFile.getAbsolutePath());
        }
        if (options != null) {
            configure.addAll(options);
        }
        int jobs = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        run(configure);
        run(List.of(cmakeExecutable, "--build", buildDirectory.getAbsolutePath(), "--config", buildType,
                "--parallel", Integer.toString(jobs)));
        if (cleanInstallPrefix && installPrefix.exists()) {
            getLog().info("Emptying the install prefix " + installPrefix);
            try {
                Directories.deleteTree(installPrefix.toPath());
            } catch (IOException e) {
                throw new MojoExecutionException("Cannot empty the install prefix " + installPrefix + ": "
                        + e.getMessage(), e);
            }
        }
        run(List.of(cmakeExecutable, "--install", buildDirectory.getAbsolutePath(), "--config", buildType));
    }

    private void run(List<String> command) throws MojoExecutionException, MojoFailureException {
        getLog().info("> " + String.join(" ", command));
        int exit;
        try {
            exit = ProcessRunner.run(command, sourceDirectory, line -> getLog().info(line));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot run '" + cmakeExecutable + "': " + e.getMessage()
                    + ". Install CMake 3.16 or newer (e.g. apt-get install cmake, brew install cmake, winget install"
                    + " Kitware.CMake) or point <cmakeExecutable> (-Dnativelib.cmake.executable) at it.", e);
        }
        if (exit != 0) {
            throw new MojoFailureException("'" + String.join(" ", command) + "' failed with exit code " + exit
                    + "; CMake's output is above.");
        }
    }
}
