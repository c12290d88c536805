int chainb_value(void);
int chainc_value(void) { return chainb_value() + 1; }
