/* Reports which build it is and which instruction sets the compiler was allowed to use. */
const char *fast_build(void) {
    return FAST_BUILD
#if defined(__AVX512F__)
        " (avx512f)"
#elif defined(__AVX2__)
        " (avx2)"
#else
        " (sse2)"
#endif
        ;
}
