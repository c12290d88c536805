int provider_fn(void) { return 7; }
