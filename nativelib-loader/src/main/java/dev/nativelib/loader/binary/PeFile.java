package dev.nativelib.loader.binary;

import java.util.List;

/**
 * The parts of a PE/COFF image that matter for loading it.
 *
 * @param machine        COFF {@code Machine}, e.g. {@code 0x8664} for x64
 * @param pe32Plus       whether the optional header is PE32+ (64-bit) rather than PE32
 * @param dll            whether {@code IMAGE_FILE_DLL} is set
 * @param exportName     the DLL name recorded in the export directory, or {@code null} if it exports nothing
 * @param imports        DLLs named in the import directory, in order
 * @param delayImports   DLLs named in the delay-load import directory, in order
 */
public record PeFile(int machine, boolean pe32Plus, boolean dll, String exportName, List<String> imports,
                     List<String> delayImports) {

    /**
     * Copies the lists.
     *
     * @param machine      COFF {@code Machine}
     * @param pe32Plus     whether the image is PE32+ (64-bit)
     * @param dll          whether {@code IMAGE_FILE_DLL} is set
     * @param exportName   the DLL name in the export directory, or {@code null}
     * @param imports      DLLs named in the import directory, in order
     * @param delayImports DLLs named in the delay-load import directory, in order
     */
    public PeFile {
        imports = List.copyOf(imports);
        delayImports = List.copyOf(delayImports);
    }
}
