#include <jni.h>
#include <stdio.h>
/* vips.h includes glib.h, which includes glibconfig.h from lib/glib-2.0/include. */
#include <vips/vips.h>

JNIEXPORT jstring JNICALL Java_example_VipsVersion_version(JNIEnv *env, jclass cls) {
    char text[128];
    (void) cls;
    snprintf(text, sizeof text, "header=%s library=%s", VIPS_VERSION, vips_version_string());
    return (*env)->NewStringUTF(env, text);
}
