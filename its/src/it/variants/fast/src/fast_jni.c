#include <jni.h>

extern const char *fast_build(void);

JNIEXPORT jstring JNICALL Java_example_Fast_build(JNIEnv *env, jclass cls) {
    (void) cls;
    return (*env)->NewStringUTF(env, fast_build());
}
