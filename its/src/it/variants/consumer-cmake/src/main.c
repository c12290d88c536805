#include <stdio.h>

extern const char *fast_build(void);

int main(void) {
    printf("consumer-cmake: built against %s\n", fast_build());
    return 0;
}
