package dev.plughub.registry.accounts;

/**
 * How much a new Argon2id password hash costs: memory in KiB and passes over it (one lane). The
 * default is OWASP's recommended minimum; an operator with spare memory may raise it
 * (PLUGHUB_PASSWORD_MEMORY_KIB, PLUGHUB_PASSWORD_ITERATIONS). Stored hashes carry their own cost, so a
 * change applies to passwords set from then on and every older hash still verifies.
 */
public record PasswordCost(int memoryKib, int iterations) {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final PasswordCost OWASP_MINIMUM = new PasswordCost(19 * 1024, 2);
    /** Argon2's own floor for one lane. */
    static final int MIN_MEMORY_KIB = 8;
    /** A hash holds its memory while it runs, and up to half the cores hash at once. */
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 100;

    public PasswordCost {
        if (memoryKib < MIN_MEMORY_KIB || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("PLUGHUB_PASSWORD_MEMORY_KIB must be from " + MIN_MEMORY_KIB + " to "
                    + MAX_MEMORY_KIB + ", not " + memoryKib);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PLUGHUB_PASSWORD_ITERATIONS must be from 1 to " + MAX_ITERATIONS
                    + ", not " + iterations);
        }
    }

    /** Whether a hash of this cost is cheaper to guess against than OWASP's minimum allows. */
    public boolean belowOwaspMinimum() {
        return memoryKib < OWASP_MINIMUM.memoryKib || iterations < OWASP_MINIMUM.iterations;
    }
}
