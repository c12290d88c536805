int sib_b_fn(void) { return 1; }
