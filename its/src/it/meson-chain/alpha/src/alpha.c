#define ALPHA_SHARED
#include "alpha.h"
int alpha_value(void) { return 40; }
