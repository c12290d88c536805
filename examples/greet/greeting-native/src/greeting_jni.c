#include <jni.h>

#include "greeting.h"

/* START SNIPPET: jni-function */
JNIEXPORT jstring JNICALL Java_example_Greeter_greet(JNIEnv *env, jclass cls, jstring who) {
    (void) cls;
    const char *name = (*env)->GetStringUTFChars(env, who, NULL);
    if (name == NULL) {
        return NULL;
    }
    char buf[256];
    greeting_format(buf, sizeof buf, name);
    (*env)->ReleaseStringUTFChars(env, who, name);
    return (*env)->NewStringUTF(env, buf);
}
/* END SNIPPET: jni-function */
