package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLoaderTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        System.setProperty("nativelib.platform", "linux-x86_64");
        System.setProperty("nativelib.cache.dir", tmp.resolve("cache").toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("nativelib.platform");
        System.clearProperty("nativelib.cache.dir");
    }

    @Test
    void explodedClassPathDirectoryLoadsInPlaceWithoutExtracting() throws Exception {
        Path classes = TestPackages.of("g", "exploded-base", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", Fixtures.path("elf/libbase.so.1")).writeTree(tmp.resolve("classes"));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            LoadedLibrary l = NativeLoader.load("base", cl);
            assertEquals(classes.resolve("META-INF/nativelib/g/exploded-base/linux-x86_64/lib/libbase.so.1"),
                    l.path());
            assertFalse(Files.exists(tmp.resolve("cache")), "nothing is extracted");
        }
    }

    @Test
    void explodedFilesThatChangedAreRefused() throws Exception {
        Path classes = TestPackages.of("g", "exploded-changed", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", Fixtures.path("elf/libbase.so.1")).writeTree(tmp.resolve("classes"));
        Path lib = classes.resolve("META-INF/nativelib/g/exploded-changed/linux-x86_64/lib/libbase.so.1");
        Files.write(lib, new byte[] {1, 2, 3});
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            NativeLoaderException e = assertThrows(NativeLoaderException.class, () -> NativeLoader.load("base", cl));
            assertTrue(e.getMessage().startsWith("g:exploded-changed:1.0 [linux-x86_64] in the class-path directory "
                    + lib.getParent().getParent() + " does not match its descriptor: " + lib + " has 3 bytes"),
                    e.getMessage());
        }
    }

    @Test
    void anInvalidPlanSettingIsRefusedWithWhatToUse() {
        System.setProperty("nativelib.plan", "maybe");
        try {
            NativeLoaderException e = assertThrows(NativeLoaderException.class, () -> NativeLoader.load("x", null));
            assertEquals("Cannot load 'x': -Dnativelib.plan=maybe is not valid; use on (the default) or off",
                    e.getMessage());
        } finally {
            System.clearProperty("nativelib.plan");
        }
    }

    /** A class loader that defines one class itself, although its parent could; named as its creator chooses. */
    private static final class DefiningLoader extends URLClassLoader {
        DefiningLoader(String name, URL[] urls) {
            super(name, urls, ClassLoader.getSystemClassLoader());
        }

        Class<?> define(Class<?> copyOf) throws java.io.IOException {
            byte[] bytes;
            try (java.io.InputStream in = copyOf.getResourceAsStream(copyOf.getSimpleName() + ".class")) {
                bytes = in.readAllBytes();
            }
            return defineClass(copyOf.getName(), bytes, 0, bytes.length);
        }
    }

    @Test
    void aCallerInAnotherLoaderNamedAppIsNotTakenForTheApplicationClassLoader() throws Exception {
        // Its stack trace element names the loader "app" as the JDK's own does; only the JDK's own is left out of
        // the element's text. The package is visible to this loader only, so taking it for the application class
        // loader would fail to find it.
        Path jar = TestPackages.of("g", "named-app-base", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", Fixtures.path("elf/libbase.so.1"))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        try (DefiningLoader app = new DefiningLoader("app", new URL[] {jar.toUri().toURL()})) {
            Class<?> caller = app.define(CallsLoad.class);
            assertEquals(app, caller.getClassLoader());
            String loaded = (String) caller.getMethod("load", String.class).invoke(null, "named-app-base");
            assertTrue(loaded.contains("named-app-base-1.0-linux-x86_64"), loaded);
        }
    }
}
