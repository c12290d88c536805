#include "middle.h"
#include "top.h"
int top_value(void) { return middle_value() + 1; }
