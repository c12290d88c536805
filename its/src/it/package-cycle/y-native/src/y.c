extern int x_fn(void);
int y_fn(void) { return 1; }
int y_calls_other(void) { return x_fn(); }
