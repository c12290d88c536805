#include <stdio.h>
#include "base.h"

int main(void) {
    printf("consumer-module: base_value() = %d\n", base_value());
    return 0;
}
