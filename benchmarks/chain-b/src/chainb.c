int chaina_value(void);
int chainb_value(void) { return chaina_value() + 1; }
