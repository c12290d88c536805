#include "a.h"

int a_value(void) {
    return 40;
}
