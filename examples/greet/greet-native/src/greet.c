#include "greet.h"

#include <stdio.h>

int greet_format(char *buf, size_t size, const char *who) {
    return snprintf(buf, size, "Hello, %s, from libgreet %s", who, GREET_VERSION);
}
