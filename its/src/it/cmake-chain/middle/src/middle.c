#include "base.h"
#include "middle.h"
int middle_value(void) { return base_value() + 1; }
