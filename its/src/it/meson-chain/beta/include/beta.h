#ifndef BETA_H
#define BETA_H
/* Beta's header uses Alpha's: a consumer needs Alpha's include directory and definitions too (Requires: alpha). */
#include <alpha.h>
int beta_value(void);
#endif
