#ifndef TOP_H
#define TOP_H
int top_value(void);
#endif
