#include <jni.h>

extern int plugin_value(void);

JNIEXPORT jint JNICALL Java_example_Plugin_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return plugin_value();
}
