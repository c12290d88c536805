int calc(void) { return CALC_VALUE; }
