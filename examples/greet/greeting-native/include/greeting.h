#ifndef GREETING_H
#define GREETING_H

#include <stddef.h>

/* Writes "<greet_format(who)>, via libgreeting" into buf. */
int greeting_format(char *buf, size_t size, const char *who);

#endif
