#include <jni.h>

int chainc_value(void);

/* Bound by every loader under test: the same bytes, whichever class declares the method. */
JNIEXPORT jint JNICALL Java_dev_nativelib_bench_Chain_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return chainc_value();
}

JNIEXPORT jint JNICALL Java_dev_nativelib_bench_JavaCppChain_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return chainc_value();
}
