#include <stdio.h>
#include "top.h"

int main(void) {
    printf("consumer-config(%s): top_value() = %d\n", LABEL, top_value());
    return top_value() == 42 ? 0 : 1;
}
