package dev.plughub.registry.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plughub.registry.audit.AuditLog;
import dev.plughub.registry.http.FieldErrors;
import dev.plughub.registry.http.JsonBodies;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON bodies of the accounts API, read and checked: every broken rule is reported at once, per
 * field (422), and a body that is not a JSON object is a 400.
 */
public final class AccountRequests {

    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]*$");
    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    /** Names the audit log gives to actors that are not users. */
    private static final Set<String> RESERVED = Set.of(AuditLog.OPERATOR, AuditLog.ANONYMOUS);
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;
    public static final int EMAIL_MAX = 254;
    public static final int DISPLAY_NAME_MAX = 100;
    public static final int TOKEN_NAME_MAX = 100;
    public static final int TOKEN_DAYS_MIN = 1;
    public static final int TOKEN_DAYS_MAX = 365;
    public static final int TOKEN_DAYS_DEFAULT = 90;
    /** Plausible, not RFC 5322: one @, something before it, a dot in the domain, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$");

    private AccountRequests() {
    }

    public record Register(String username, String password, Optional<String> email, Optional<String> displayName) {
    }

    public record Login(String login, String password) {
    }

    public record NewToken(String name, Set<TokenScope> scopes, int expiresInDays) {
    }

    public static Register register(byte[] body) {
        Fields f = new Fields(JsonBodies.requireObject(body));
        Optional<String> username = f.string("username", true);
        Optional<String> password = f.string("password", true);
        Optional<String> email = f.string("email", false).filter(s -> !s.isEmpty());
        Optional<String> displayName = f.string("display_name", false);
        username.ifPresent(u -> {
            int n = u.codePointCount(0, u.length());
            if (n < USERNAME_MIN || n > USERNAME_MAX) {
                f.error("username", "username must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters long");
            }
            if (!USERNAME.matcher(u).matches()) {
                f.error("username", "username may contain only letters A-Z and a-z, digits, '_', '.' and '-', "
                        + "and must start with a letter or digit");
            } else if (u.chars().allMatch(Character::isDigit)) {   // /admin/users/{id or name} reads digits as an id
                f.error("username", "username must contain a letter or '_', '.', '-': all digits would read as a user id");
            } else if (RESERVED.contains(u.toLowerCase(Locale.ROOT))) {
                f.error("username", "username '" + u + "' is reserved: the audit log names the operator key and"
                        + " anonymous requests so");
            }
        });
        password.ifPresent(p -> {
            int n = p.codePointCount(0, p.length());
            if (n < PASSWORD_MIN || n > PASSWORD_MAX) {
                f.error("password", "password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long");
            }
        });
        email.ifPresent(e -> {
            if (e.length() > EMAIL_MAX) {
                f.error("email", "email must be at most " + EMAIL_MAX + " characters long");
            } else if (!EMAIL.matcher(e).matches()) {
                f.error("email", "email must be an e-mail address such as name@example.com");
            }
        });
        displayName.ifPresent(d -> {
            if (d.codePointCount(0, d.length()) > DISPLAY_NAME_MAX) {
                f.error("display_name", "display_name must be at most " + DISPLAY_NAME_MAX + " characters long");
            }
        });
        f.throwIfAny();
        return new Register(username.orElseThrow(), password.orElseThrow(), email, displayName);
    }

    public static Login login(byte[] body) {
        Fields f = new Fields(JsonBodies.requireObject(body));
        Optional<String> username = f.string("username", false);
        Optional<String> email = f.string("email", false);
        Optional<String> password = f.string("password", true);
        if (username.isEmpty() && email.isEmpty() && !f.hasError("username") && !f.hasError("email")) {
            f.error("username", "username (or email) is required");
        }
        f.throwIfAny();
        return new Login(username.or(() -> email).orElseThrow(), password.orElseThrow());
    }

    public static NewToken newToken(byte[] body) {
        Fields f = new Fields(JsonBodies.requireObject(body));
        Optional<String> name = f.string("name", true);
        name.ifPresent(n -> {
            if (n.isBlank()) {
                f.error("name", "name must not be blank");
            } else if (n.codePointCount(0, n.length()) > TOKEN_NAME_MAX) {
                f.error("name", "name must be at most " + TOKEN_NAME_MAX + " characters long");
            } else if (lookAlike(n).equals(AccountService.LOGIN_TOKEN_NAME)) {
                f.error("name", "name '" + AccountService.LOGIN_TOKEN_NAME
                        + "' is reserved for the tokens logging in creates; choose another name");
            }
        });
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        JsonNode scopeNode = f.node("scopes");
        if (scopeNode == null || scopeNode.isNull()) {
            f.error("scopes", "scopes is required: a list of one or more of publish, review, admin");
        } else if (!scopeNode.isArray()) {
            f.error("scopes", "scopes must be a list of strings (publish, review, admin)");
        } else {
            for (JsonNode s : scopeNode) {
                Optional<TokenScope> scope = s.isTextual() ? TokenScope.fromApiName(s.asText()) : Optional.empty();
                if (scope.isPresent()) {
                    scopes.add(scope.get());
                } else {
                    f.error("scopes", "unknown scope " + s + ": the scopes are publish, review and admin");
                }
            }
            if (scopeNode.isEmpty()) {
                f.error("scopes", "scopes must name at least one of publish, review, admin");
            }
        }
        int days = TOKEN_DAYS_DEFAULT;
        JsonNode daysNode = f.node("expires_in_days");
        if (daysNode != null && !daysNode.isNull()) {
            if (!daysNode.canConvertToInt() || !daysNode.isIntegralNumber()
                    || daysNode.asInt() < TOKEN_DAYS_MIN || daysNode.asInt() > TOKEN_DAYS_MAX) {
                f.error("expires_in_days", "expires_in_days must be a whole number from " + TOKEN_DAYS_MIN
                        + " to " + TOKEN_DAYS_MAX);
            } else {
                days = daysNode.asInt();
            }
        }
        f.throwIfAny();
        return new NewToken(name.orElseThrow().strip(), Set.copyOf(scopes), days);
    }

    /**
     * A name as it reads to a person: compatibility forms folded (fullwidth letters), invisible
     * characters (soft hyphens, zero-width spaces) and spaces dropped, lower case.
     */
    private static String lookAlike(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC)
                .replaceAll("[\\p{Cf}\\p{Z}\\s]", "").toLowerCase(Locale.ROOT);
    }

    /** Reads typed fields from a JSON object, collecting one list of messages per field. */
    private static final class Fields extends FieldErrors {
        private final JsonNode object;

        Fields(JsonNode object) {
            this.object = object;
        }

        JsonNode node(String name) {
            return object.get(name);
        }

        Optional<String> string(String name, boolean required) {
            JsonNode node = object.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    error(name, name + " is required");
                }
                return Optional.empty();
            }
            if (!node.isTextual()) {
                error(name, name + " must be a string");
                return Optional.empty();
            }
            return Optional.of(node.asText());
        }

    }
}
