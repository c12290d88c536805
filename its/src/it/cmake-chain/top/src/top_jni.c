#include <jni.h>

#include "top.h"

JNIEXPORT jint JNICALL Java_example_Top_value(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return top_value();
}
