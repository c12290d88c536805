package dev.nativelib.plugin.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.Gcc;
import dev.nativelib.plugin.packaging.NativePackager;
import dev.nativelib.plugin.packaging.OutputTimestamp;
import dev.nativelib.plugin.packaging.PackageRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeDependenciesTest {

    @TempDir
    Path tmp;

    private Path packageOf(String artifactId, String platform) throws Exception {
        Path prefix = tmp.resolve(artifactId + "-" + platform);
        Gcc.shared(prefix.resolve("lib/libdep.so.3.0.1"), "int dep(void) { return 3; }", "-Wl,-soname,libdep.so.3");
        Files.createSymbolicLink(prefix.resolve("lib/libdep.so"), Paths.get("libdep.so.3.0.1"));
        Path jar = tmp.resolve(artifactId + "-1.0-" + platform + ".jar");
        NativePackager.build(PackageRequest.of(
                new PackageRequest.Coordinates("dev.example", artifactId, "1.0", Platform.parse(platform)),
                PackageRequest.Layout.of(prefix).withLibraryDirectories(List.of("lib")),
                new PackageRequest.Output(jar, OutputTimestamp.DEFAULT, false, tmp.resolve("staging"))));
        return jar;
    }

    @Test
    void namesProvidedByDependencyPackagesOfThisPlatform() throws Exception {
        File linux = packageOf("dep", "linux-x86_64").toFile();
        File other = packageOf("other", "linux-aarch_64").toFile();
        var packages = NativeDependencies.find(List.of(linux, other, tmp.toFile()), Platform.parse("linux-x86_64"));
        assertEquals(List.of("dev.example:dep:1.0"), packages.stream().map(p -> p.descriptor().coordinates()).toList());
        assertEquals(Map.of("libdep.so.3.0.1", "dev.example:dep:1.0", "libdep.so.3", "dev.example:dep:1.0",
                "libdep.so", "dev.example:dep:1.0"), NativeDependencies.providedNames(packages));
    }
}
