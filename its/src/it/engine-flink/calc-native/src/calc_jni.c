#include <jni.h>

extern int scale_triple(int x);

/* The same function for the class that loads through nativelib and for the one that calls System.load itself. */
JNIEXPORT jint JNICALL Java_example_NativeCalc_compute(JNIEnv *env, jclass cls, jint x) {
    (void) env;
    (void) cls;
    return scale_triple(x) + 1;
}

JNIEXPORT jint JNICALL Java_example_PlainCalc_compute(JNIEnv *env, jclass cls, jint x) {
    (void) env;
    (void) cls;
    return scale_triple(x) + 1;
}
