extern int provider_fn(void);
int plugin_value(void) { return provider_fn() * 6; }
