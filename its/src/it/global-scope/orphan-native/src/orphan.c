extern int provider_fn(void);
int orphan_value(void) { return provider_fn() * 6; }
