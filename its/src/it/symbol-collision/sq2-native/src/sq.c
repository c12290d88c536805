int square(int x) { return x * x + 1000; }
