#include <math.h>
#include <stddef.h>

extern int foo_copy(char *dst, const char *src, size_t n);

double bar_value(double x) {
    char buf[4];
    return foo_copy(buf, "abc", 4) + sqrt(x);
}
