int hello_value(void) { return 42; }
