#ifndef A_H
#define A_H
int a_value(void);
#endif
