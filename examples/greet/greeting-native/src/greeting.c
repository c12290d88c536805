#include "greeting.h"

#include <stdio.h>

#include "greet.h"

int greeting_format(char *buf, size_t size, const char *who) {
    char inner[200];
    greet_format(inner, sizeof inner, who);
    return snprintf(buf, size, "%s, via libgreeting", inner);
}
