#include "beta.h"
int beta_value(void) { return alpha_value() + 2; }
