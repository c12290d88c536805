#ifndef BASE_H
#define BASE_H
#ifndef BASE_SHARED
#error "BASE_SHARED comes from the Base::base target's INTERFACE_COMPILE_DEFINITIONS"
#endif
int base_value(void);
#endif
