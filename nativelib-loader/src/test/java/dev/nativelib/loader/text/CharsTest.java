package dev.nativelib.loader.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharsTest {

    @Test
    void classes() {
        assertTrue(Chars.word("dev.example-1_2+3", "_.-+"));
        assertFalse(Chars.word("a/b", "_.-+"));
        assertFalse(Chars.word("", "_"));
        assertFalse(Chars.word("é", ""), "ASCII only");
        assertTrue(Chars.lowerWord("x86_64", "_"));
        assertFalse(Chars.lowerWord("X86", "_"));
        assertTrue(Chars.lowerHex("0123456789abcdef", 16));
        assertFalse(Chars.lowerHex("0123456789ABCDEF", 16));
        assertFalse(Chars.lowerHex("abc", 4));
        assertTrue(Chars.digits("2017"));
        assertFalse(Chars.digits("2.17"));
        assertFalse(Chars.digits(""));
    }

    @Test
    void replaceOthers() {
        assertEquals("GREET_NATIVE__", Chars.replaceOthers("GREET-NATIVE.é", "", '_'));
        assertEquals("j.doe-x_", Chars.replaceOthers("j.doe-x/", "._-", '_'));
    }
}
