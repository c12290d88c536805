int sib_a_fn(void) { return 1; }
