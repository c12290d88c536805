#ifndef MIDDLE_H
#define MIDDLE_H
int middle_value(void);
#endif
