#include <jni.h>

#include <beta.h>

JNIEXPORT jint JNICALL Java_example_Consumer_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return beta_value();
}
