package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class loaders that each hold a copy of nativelib-loader itself, as Flink's child-first user-code class loader does
 * when a job JAR brings nativelib-loader: every copy has its own registry, so the second knows nothing of what the
 * first loaded, while the JVM refuses to load one file for two class loaders ("already loaded in another
 * classloader").
 */
class OwnLoaderCopiesTest {

    @TempDir
    Path tmp;

    private Path top;
    private Path base;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("nativelib.platform", "linux-x86_64");
        System.setProperty("nativelib.cache.dir", tmp.resolve("cache").toString());
        Path jars = Files.createDirectories(tmp.resolve("jars"));
        base = TestPackages.of("dev.example", "copies-base", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", Fixtures.path("elf/libbase.so.1"), "libbase.so.1")
                .writeJar(jars);
        top = TestPackages.of("dev.example", "copies-top", "1.0", "linux-x86_64")
                .libraryFile("lib/libtop.so.2", Fixtures.path("elf/libtop-runpath.so"), "libtop.so.2", "libbase.so.1")
                .writeJar(jars);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("nativelib.platform");
        System.clearProperty("nativelib.cache.dir");
    }

    /** A loader that defines nativelib-loader's classes, the caller and the packages itself, as a job's does. */
    private URLClassLoader jobLoader(String name) throws Exception {
        URL loaderClasses = NativeLoader.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses = BindsLoad.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(name, new URL[] {loaderClasses, testClasses, top.toUri().toURL(),
                base.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static List<String> call(ClassLoader loader, String method, String name) throws Exception {
        Class<?> caller = Class.forName(BindsLoad.class.getName(), true, loader);
        assertNotEquals(NativeLoader.class, Class.forName(NativeLoader.class.getName(), false, loader),
                "the job loader must define its own nativelib-loader");
        try {
            return List.of(((String) caller.getMethod(method, String.class).invoke(null, name)).split("\n"));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new AssertionError(e.getCause());
        }
    }

    @Test
    void aSecondJobLoaderWithItsOwnNativelibLoaderBindsAPrivateCopyAndSharesTheDependency() throws Exception {
        try (URLClassLoader first = jobLoader("job-1"); URLClassLoader second = jobLoader("job-2")) {
            List<String> one = call(first, "load", "top");
            List<String> two = call(second, "load", "top");
            // [bound file, libbase, libtop]: libbase was loaded by the first job's loader, and the dynamic loader
            // resolves libtop's libbase.so.1 to it, so the second uses the same file; libtop, which the JVM binds
            // to one class loader only, is a private copy.
            assertEquals(3, two.size(), two.toString());
            assertEquals(one.get(1), two.get(1));
            assertTrue(one.get(1).startsWith(tmp.resolve("cache").toString()), one.toString());
            assertNotEquals(one.get(0), two.get(0));
            assertEquals(two.get(0), two.get(2));
            assertTrue(Path.of(two.get(0)).startsWith(tmp.resolve("cache").resolve(".loaders")), two.toString());
            assertEquals("libtop.so.2", Path.of(two.get(0)).getFileName().toString());
            // A third call in the second loader returns what it bound, and loads nothing again.
            assertEquals(two, call(second, "load", "top"));
        }
    }

    @Test
    void aSecondCopyOfNativelibLoaderLoadingWithoutALookupAlsoGetsAPrivateCopy() throws Exception {
        try (URLClassLoader first = jobLoader("job-1"); URLClassLoader second = jobLoader("job-2")) {
            List<String> one = call(first, "loadPlain", "top");
            List<String> two = call(second, "loadPlain", "top");
            assertEquals(one.get(1), two.get(1));
            assertNotEquals(one.get(0), two.get(0));
            assertTrue(Path.of(two.get(0)).startsWith(tmp.resolve("cache").resolve(".loaders")), two.toString());
        }
    }
}
