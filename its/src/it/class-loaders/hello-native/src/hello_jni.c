#include <jni.h>

extern int hello_value(void);

JNIEXPORT jint JNICALL Java_example_Hello_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return hello_value();
}

JNIEXPORT jint JNICALL Java_example_HelloPlain_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return hello_value();
}
