extern int y_fn(void);
int x_fn(void) { return 1; }
int x_calls_other(void) { return y_fn(); }
