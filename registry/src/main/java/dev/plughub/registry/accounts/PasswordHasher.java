package dev.plughub.registry.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}).
 * New hashes take the configured {@link PasswordCost} (by default OWASP's recommended minimum: 19 MiB,
 * 2 passes, 1 lane); a stored hash carries its own parameters, so changing the cost later keeps old
 * hashes verifiable.
 */
public final class PasswordHasher {

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;

    /**
     * Made on first use: password4j's function allocates its memory blocks (19 MiB by default) when it is
     * made and keeps them, which cost every start two garbage collections and the resident memory
     * of a server where nobody logs in with a password.
     */
    private volatile Argon2Function function;
    /**
     * Verified against when a login names no known user, so that case costs as much as a wrong
     * password. Made on first use: hashing it at start-up delayed the server's first answer.
     */
    private volatile String dummyHash;
    /**
     * At most this many hashes run at once (half the cores, at least one). Each holds 19 MiB, and a
     * virtual thread computing one never yields its carrier: unbounded, a burst of logins would take
     * every carrier and starve the requests that wait on a database answer (seen on PostgreSQL,
     * whose answers come over a socket), and could exhaust the heap.
     */
    private final Semaphore slots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);

    private final PasswordCost cost;

    private PasswordHasher(PasswordCost cost) {
        this.cost = cost;
    }

    /** Hashes at OWASP's minimum cost. */
    public static PasswordHasher argon2id() {
        return argon2id(PasswordCost.OWASP_MINIMUM);
    }

    public static PasswordHasher argon2id(PasswordCost cost) {
        if (cost.belowOwaspMinimum()) {
            log.warn("New password hashes will cost {} KiB and {} pass(es), below OWASP's minimum of {} KiB and {} passes"
                    + " (PLUGHUB_PASSWORD_MEMORY_KIB, PLUGHUB_PASSWORD_ITERATIONS)", cost.memoryKib(), cost.iterations(),
                    PasswordCost.OWASP_MINIMUM.memoryKib(), PasswordCost.OWASP_MINIMUM.iterations());
        }
        return new PasswordHasher(cost);
    }

    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(16).with(function()).getResult());
    }

    private Argon2Function function() {
        Argon2Function f = function;
        if (f == null) {
            f = Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), PARALLELISM, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
            function = f;   // getInstance hands every caller with these parameters the same one
        }
        return f;
    }

    /** Whether {@code password} matches {@code phc}; a malformed stored hash never matches. */
    public boolean verify(String password, String phc) {
        try {
            return bounded(() -> Password.check(password, phc).with(Argon2Function.getInstanceFromHash(phc)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private <T> T bounded(Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Spends the time of one verification and answers false (for unknown users). */
    public boolean verifyAgainstDummy(String password) {
        String dummy = dummyHash;
        if (dummy == null) {
            dummy = hash("plughub-dummy-password");
            dummyHash = dummy;
        }
        verify(password, dummy);
        return false;
    }
}
