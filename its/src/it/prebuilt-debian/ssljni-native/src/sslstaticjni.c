#include <jni.h>
#include <stdio.h>
/* crypto.h includes opensslconf.h, which includes configuration.h from include/x86_64-linux-gnu. */
#include <openssl/crypto.h>

JNIEXPORT jstring JNICALL Java_example_SslVersion_statically(JNIEnv *env, jclass cls) {
    char text[160];
    (void) cls;
    snprintf(text, sizeof text, "header=%s library=%s", OPENSSL_FULL_VERSION_STR, OpenSSL_version(OPENSSL_FULL_VERSION_STRING));
    return (*env)->NewStringUTF(env, text);
}
