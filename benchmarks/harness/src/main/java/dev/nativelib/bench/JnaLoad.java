package dev.nativelib.bench;

import com.sun.jna.NativeLibrary;

/**
 * JNA's {@code NativeLibrary.getInstance} of the plain C libraries (JNA does not load JNI libraries), by absolute
 * path in dependency order. Arguments: the files.
 */
public final class JnaLoad {

    private JnaLoad() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        NativeLibrary last = null;
        for (String file : args) {
            last = NativeLibrary.getInstance(file);
        }
        int value = last.getFunction("chainc_value").invokeInt(new Object[0]);
        LoadTimer.report(start, value);
    }
}
