package dev.nativelib.plugin.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.descriptor.PackageVariant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantParametersTest {

    private static String label(String... properties) {
        return VariantParameters.parse(null, Arrays.asList(properties)).label();
    }

    @Test
    void noPropertiesIsTheBaseline() {
        assertNull(VariantParameters.parse(null, null));
        assertNull(VariantParameters.parse(" ", List.of()));
        assertNull(VariantParameters.parse(null, List.of(" ")), "an empty list entry from -D... is no property");
    }

    @Test
    void theLabelIsDerivedFromTheProperties() {
        assertEquals("v3", label("x86_64 :: level :: v3"));
        assertEquals("v4", label("x86_64::level::v4"));
        assertEquals("cuda12", label("cuda :: runtime :: 12"));
        assertEquals("cuda12_4", label("cuda :: runtime :: 12.4"));
        assertEquals("sve", label("aarch64 :: sve :: on"));
        assertEquals("openblas", label("blas :: backend :: openblas"));
        assertEquals("cuda12_v3", label("x86_64 :: level :: v3", "cuda :: runtime :: 12"),
                "parts follow the properties' order, whatever the order given");
    }

    @Test
    void aGivenLabelWinsAndThePropertiesAreSorted() {
        PackageVariant v = VariantParameters.parse(" avx2 ", List.of("x86_64 :: level :: v3", "blas :: backend :: mkl"));
        assertEquals("avx2", v.label());
        assertEquals("blas :: backend :: mkl, x86_64 :: level :: v3", v.describe());
    }

    @Test
    void aMalformedPropertyNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VariantParameters.parse(null, List.of("AVX512")));
        assertEquals("Invalid <variantProperties>: 'AVX512' is not a variant property; expected namespace :: feature"
                + " :: value, e.g. x86_64 :: level :: v3.", e.getMessage());
    }

    @Test
    void aLabelWithoutPropertiesSaysWhatAVariantNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VariantParameters.parse("v3", List.of()));
        assertEquals("<variantLabel> is 'v3', but <variantProperties> is empty: a variant needs the properties a"
                + " machine must have to run it, e.g. <variantProperties><variantProperty>x86_64 :: level :: v3"
                + "</variantProperty></variantProperties>; for the baseline leave both unset.", e.getMessage());
    }

    @Test
    void anInvalidLabelNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VariantParameters.parse("V3", List.of("x86_64 :: level :: v3")));
        assertEquals("Invalid <variantLabel>: variant label 'V3' is invalid: it must be a lowercase letter followed"
                + " by up to 15 lowercase letters, digits or _ (e.g. v3, cuda12, avx512).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VariantParameters.parse("musl", List.of("x86_64 :: level :: v3")));
        assertEquals("Invalid <variantLabel>: variant label 'musl' is reserved: <platform>-musl would read as a"
                + " platform with a C library; choose another label.", e.getMessage());
    }

    @Test
    void aDerivedLabelThatIsTooLongAsksForOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VariantParameters.parse(
                null, List.of("blas :: backend :: openblas", "x86_64 :: level :: v3", "cuda :: runtime :: 12")));
        assertEquals("Invalid <variantProperties> (no <variantLabel> is set, and the label derived from the properties"
                + " is 'openblas_cuda12_v3'): variant label 'openblas_cuda12_v3' is invalid: it must be a lowercase"
                + " letter followed by up to 15 lowercase letters, digits or _ (e.g. v3, cuda12, avx512); set"
                + " <variantLabel>.", e.getMessage());
    }

    @Test
    void twoValuesOfOneFeatureAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VariantParameters.parse(
                null, List.of("x86_64 :: level :: v3", "x86_64 :: level :: v4")));
        assertEquals("Invalid <variantProperties> (no <variantLabel> is set, and the label derived from the properties"
                + " is 'v3_v4'): variant 'v3_v4' gives x86_64 :: level more than one value; a variant needs one value"
                + " per feature (the machine's levels include the lower ones: x86_64 :: level :: v3 runs on v4 too);"
                + " set <variantLabel>.", e.getMessage());
    }
}
