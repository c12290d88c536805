package dev.nativelib.loader.text;

/**
 * Character-class tests for the names the loader validates on every start (coordinates, platform names, hashes).
 * Written out rather than as regular expressions: the loader runs in every application's start-up, and the first
 * use of {@code java.util.regex} alone costs milliseconds.
 */
public final class Chars {

    private Chars() {
    }

    /**
     * @param c a character
     * @return whether {@code c} is {@code a-z}
     */
    public static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * @param c a character
     * @return whether {@code c} is {@code 0-9}
     */
    public static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * @param c a character
     * @return whether {@code c} is {@code A-Z a-z 0-9}
     */
    public static boolean alnum(char c) {
        return lower(c) || c >= 'A' && c <= 'Z' || digit(c);
    }

    /**
     * @param s       a string, may be {@code null}
     * @param allowed characters allowed besides letters and digits
     * @return whether {@code s} is non-empty and made only of ASCII letters, digits and {@code allowed}
     */
    public static boolean word(String s, String allowed) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!alnum(c) && allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param s       a string, may be {@code null}
     * @param allowed characters allowed besides lower-case letters and digits
     * @return whether {@code s} is non-empty and made only of {@code a-z 0-9} and {@code allowed}
     */
    public static boolean lowerWord(String s, String allowed) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!lower(c) && !digit(c) && allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param s      a string, may be {@code null}
     * @param length the exact number of digits required
     * @return whether {@code s} is {@code length} lower-case hex digits
     */
    public static boolean lowerHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!digit(c) && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param s a string, may be {@code null}
     * @return whether {@code s} is one or more digits
     */
    public static boolean digits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param s           a string
     * @param keep        characters kept besides ASCII letters and digits
     * @param replacement what every other character becomes
     * @return {@code s} with every character that is not an ASCII letter, digit or in {@code keep} replaced
     */
    public static String replaceOthers(String s, String keep, char replacement) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(alnum(c) || keep.indexOf(c) >= 0 ? c : replacement);
        }
        return out.toString();
    }
}
