#include <jni.h>

extern int scale_triple(int x);

JNIEXPORT jint JNICALL Java_example_NativeCalc_compute(JNIEnv *env, jclass cls, jint x) {
    (void) env;
    (void) cls;
    return scale_triple(x) + 1;
}
