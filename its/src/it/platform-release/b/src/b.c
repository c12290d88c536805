#include <jni.h>

#include "a.h"

JNIEXPORT jint JNICALL Java_example_App_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return a_value() + 2;
}
