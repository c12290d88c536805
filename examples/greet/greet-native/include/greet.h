#ifndef GREET_H
#define GREET_H

#include <stddef.h>

#if defined(_WIN32)
#  define GREET_API __declspec(dllexport)
#else
#  define GREET_API __attribute__((visibility("default")))
#endif

/* Writes "Hello, <who>, from libgreet <version>" into buf; returns what snprintf returns. */
GREET_API int greet_format(char *buf, size_t size, const char *who);

#endif
