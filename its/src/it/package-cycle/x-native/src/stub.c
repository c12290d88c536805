int y_fn(void) { return 0; }
