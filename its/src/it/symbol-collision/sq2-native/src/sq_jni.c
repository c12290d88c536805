#include <jni.h>

extern int square(int x);

JNIEXPORT jint JNICALL Java_example_Sq2_square(JNIEnv *env, jclass cls, jint x) {
    (void) env;
    (void) cls;
    return square(x);
}
