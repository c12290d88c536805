#include <jni.h>

extern int calc(void);

JNIEXPORT jint JNICALL Java_example_Calc_calc(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return calc();
}
