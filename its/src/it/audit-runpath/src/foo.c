#include <string.h>

int foo_copy(char *dst, const char *src, size_t n) {
    memcpy(dst, src, n);
    return (int) n;
}
