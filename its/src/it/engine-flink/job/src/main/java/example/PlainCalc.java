package example;

/** The same JNI library, loaded as a job does without nativelib: by path, dependency first. */
public final class PlainCalc {

    private PlainCalc() {
    }

    static void load(String scaleDir, String calcDir) {
        System.load(scaleDir + "/libscale.so.1");
        System.load(calcDir + "/libcalcjni.so");
    }

    public static native int compute(int x);
}
