/**
 * nativelib-loader: loads native libraries shipped in nativelib packages (classifier JARs on the class path) with
 * {@link dev.nativelib.loader.NativeLoader}. No dependencies; JNA is used only when a library must be opened with
 * global symbol scope on a JDK without the FFM API, and only if it is present.
 *
 * <p>Exported: {@code dev.nativelib.loader}, the API applications call, and {@code dev.nativelib.loader.binary}, the
 * pure-Java ELF, Mach-O and PE readers ({@link dev.nativelib.loader.binary.BinaryReader}), offered for tools that
 * inspect native libraries. Every other package is internal: nativelib-maven-plugin uses them from the class path,
 * where module boundaries do not apply, and they may change in any release.
 */
module dev.nativelib.loader {
    exports dev.nativelib.loader;
    exports dev.nativelib.loader.binary;
    // JNA (RTLD_GLOBAL on JDKs without the FFM API) is looked up reflectively, in the caller's class loader: it is
    // never required, so no module of it is named here.
}
