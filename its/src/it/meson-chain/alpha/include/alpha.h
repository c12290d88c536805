#ifndef ALPHA_H
#define ALPHA_H
#ifndef ALPHA_SHARED
#error "ALPHA_SHARED comes from alpha.pc's Cflags"
#endif
int alpha_value(void);
#endif
