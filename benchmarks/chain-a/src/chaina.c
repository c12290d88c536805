int chaina_value(void) { return 1; }
