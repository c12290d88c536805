#include <jni.h>

extern int orphan_value(void);

JNIEXPORT jint JNICALL Java_example_Orphan_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return orphan_value();
}
