package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantPropertyTest {

    @Test
    void parsesWithOrWithoutSpaces() {
        VariantProperty p = VariantProperty.parse("x86_64::level::v3");
        assertEquals(p, VariantProperty.parse("  x86_64 :: level ::  v3 "));
        assertEquals("x86_64 :: level :: v3", p.toString());
        assertEquals("x86_64", p.namespace());
        assertEquals("level", p.feature());
        assertEquals("v3", p.value());
        assertEquals("12.8", VariantProperty.parse("cuda :: runtime :: 12.8").value());
    }

    @Test
    void refusesWhatPep817Refuses() {
        assertEquals("'x86_64 :: level' is not a variant property; expected namespace :: feature :: value, e.g."
                + " x86_64 :: level :: v3", assertThrows(IllegalArgumentException.class,
                        () -> VariantProperty.parse(" x86_64 :: level ")).getMessage());
        assertEquals("'x86_64 :: Level :: v3' is not a variant property; expected namespace :: feature :: value, the"
                + " namespace and feature made of a-z, 0-9 and _, the value of a-z, 0-9, _ and ., e.g."
                + " x86_64 :: level :: v3", assertThrows(IllegalArgumentException.class,
                        () -> VariantProperty.parse("x86_64 :: Level :: v3")).getMessage());
        for (String bad : List.of("a :: b :: ", "a.b :: c :: d", "a :: b :: c-d", "a :: b :: c :: d", ":: b :: c",
                "a :: b :: c d", "a :: b :: é")) {
            assertThrows(IllegalArgumentException.class, () -> VariantProperty.parse(bad), bad);
        }
    }

    @Test
    void valuesOrderAsNumbersWhereTheyAreNumbers() {
        List<VariantProperty> list = new ArrayList<>();
        for (String s : List.of("x86_64::level::v10", "x86_64::level::v9", "cuda::runtime::12.10", "cuda::runtime::12.9",
                "cuda::runtime::13", "cuda::runtime::012", "aarch64::sve::on", "aarch64::sve2::on")) {
            list.add(VariantProperty.parse(s));
        }
        java.util.Collections.sort(list);
        assertEquals("[aarch64 :: sve :: on, aarch64 :: sve2 :: on, cuda :: runtime :: 012,"
                + " cuda :: runtime :: 12.9, cuda :: runtime :: 12.10, cuda :: runtime :: 13,"
                + " x86_64 :: level :: v9, x86_64 :: level :: v10]", list.toString());
        // 012 and 12 are different properties: still a total order consistent with equals.
        assertTrue(VariantProperty.parse("a::b::012").compareTo(VariantProperty.parse("a::b::12")) != 0);
    }

    @Test
    void signaturesOfMachinesAreSortedWithoutDuplicates() {
        MachineProperties m = MachineProperties.of(List.of(VariantProperty.parse("x86_64::level::v2"),
                VariantProperty.parse("cuda::runtime::12"), VariantProperty.parse("x86_64::level::v2")), List.of());
        assertEquals("cuda :: runtime :: 12, x86_64 :: level :: v2", m.signature());
        assertEquals("none", MachineProperties.NONE.signature());
        assertEquals(m, MachineProperties.parseSignature(" cuda::runtime::12,x86_64::level::v2 "));
        assertEquals("'cuda :: runtime' is not a variant property; expected namespace :: feature :: value, e.g."
                + " x86_64 :: level :: v3", assertThrows(IllegalArgumentException.class,
                        () -> MachineProperties.parseSignature("cuda :: runtime, x86_64 :: level :: v2"))
                .getMessage());
    }
}
