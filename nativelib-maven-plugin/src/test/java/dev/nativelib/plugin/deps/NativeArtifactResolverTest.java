package dev.nativelib.plugin.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.descriptor.PackageLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeArtifactResolverTest {

    @TempDir
    Path tmp;

    private Path jar() throws IOException {
        Path jar = tmp.resolve("a-1-linux-x86_64.jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.putNextEntry(new ZipEntry(PackageLayout.INDEX));
            zip.write("g/a/linux-x86_64/\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("padding"));
            zip.write(new byte[4000]);
            zip.closeEntry();
        }
        return jar;
    }

    @Test
    void aTruncatedClassifierJarIsAnErrorNotANonNativeDependency() throws Exception {
        Path jar = jar();
        assertTrue(NativeArtifactResolver.isNativePackage(jar.toFile(), "the linux-x86_64 JAR of g:a:1"));
        byte[] bytes = Files.readAllBytes(jar);
        Files.write(jar, Arrays.copyOf(bytes, bytes.length / 2));
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> NativeArtifactResolver.isNativePackage(jar.toFile(), "the linux-x86_64 JAR of g:a:1"));
        assertEquals("Cannot read " + jar + ", the linux-x86_64 JAR of g:a:1: zip END header not found (the file is"
                + " truncated, or is not a JAR). Delete it from the local Maven repository and build again to download"
                + " it anew.", e.getMessage());
    }
}
