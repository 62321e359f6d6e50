package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.client.ChecksumMismatchException;
import dev.plughub.client.LocalFileException;
import dev.plughub.client.LocalFileException.Access;
import dev.plughub.client.RegistryException;
import dev.plughub.client.RegistryUnreachableException;
import dev.plughub.client.RegistryUnreachableException.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @Test
    void a_validation_error_lists_each_field_in_one_line() throws Exception {
        var details = new ObjectMapper().readTree("{\"version\": [\"must be SemVer\"], \"id\": [\"too long\", \"upper case\"]}");

        ErrorReport report = ErrorReport.of(new RegistryException(422, "VALIDATION_FAILED", "The manifest is invalid.", details));

        assertThat(report.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(report.message())
                .isEqualTo("The manifest is invalid (VALIDATION_FAILED): version: must be SemVer; id: too long, upper case");
    }

    @Test
    void maps_every_kind_of_failure_to_its_exit_code() {
        assertThat(ErrorReport.of(new RegistryException(403, "FORBIDDEN", "No", null)).exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(ErrorReport.of(new RegistryException(413, "PACKAGE_TOO_LARGE", "Big", null)).exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(ErrorReport.of(new RegistryException(429, "RATE_LIMITED", "Slow down", null)).exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ErrorReport.of(new RegistryException(503, "SERVICE_UNAVAILABLE", "Busy", null)).exitCode()).isEqualTo(ExitCodes.SERVER);
        assertThat(ErrorReport.of(new RegistryUnreachableException("Cannot reach the registry at x: refused", null)).exitCode())
                .isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ErrorReport.of(new RegistryUnreachableException("Cannot connect securely", Reason.TLS, null)).exitCode())
                .as("TLS that fails is the address's or the trust store's fault: retrying will not help").isEqualTo(ExitCodes.USAGE);
        assertThat(ErrorReport.of(new LocalFileException("Cannot read x.zip", Path.of("x.zip"), Access.READ, null)).exitCode())
                .isEqualTo(ExitCodes.INVALID);
        assertThat(ErrorReport.of(new LocalFileException("Cannot save", Path.of("x.zip"), Access.WRITE, null)).exitCode())
                .isEqualTo(ExitCodes.UNEXPECTED);
        assertThat(ErrorReport.of(new ChecksumMismatchException("a", "b", "c")).exitCode()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(ErrorReport.of(new IllegalStateException("boom")).exitCode()).isEqualTo(ExitCodes.UNEXPECTED);
    }

    @Test
    void hints_fit_the_reason_the_registry_was_not_reached() {
        assertThat(ErrorReport.of(new RegistryUnreachableException("Cannot reach x: connection refused",
                Reason.CONNECTION_REFUSED, null)).message()).endsWith("(is it running? start one with 'plughub serve')");
        assertThat(ErrorReport.of(new RegistryUnreachableException("The registry at x did not answer within 60 s",
                Reason.TIMED_OUT, null)).message()).endsWith("(wait longer with --timeout SECONDS)");
        assertThat(ErrorReport.of(new RegistryUnreachableException("Cannot connect securely to x: not TLS", Reason.TLS, null))
                .message()).doesNotContain("is it running", "--timeout");
    }

    @Test
    void a_message_with_terminal_controls_is_shown_with_them_replaced() {
        ErrorReport report = ErrorReport.of(new RegistryException(400, "BAD", "Bad \u001b[2Jthing\r\nsecond \u009b1m \u202ecba", null));

        assertThat(report.message()).isEqualTo("Bad \uFFFD[2Jthing second \uFFFD1m \uFFFDcba (BAD)");
    }

    @Test
    void a_wrong_password_is_not_told_to_log_in() {
        assertThat(ErrorReport.of(new RegistryException(401, "INVALID_CREDENTIALS", "Wrong username or password", null)).message())
                .isEqualTo("Wrong username or password (INVALID_CREDENTIALS)");
    }

    @Test
    void an_authentication_error_says_how_to_log_in() {
        assertThat(ErrorReport.of(new RegistryException(401, "AUTH_REQUIRED", "Authentication required", null)).message())
                .isEqualTo("Authentication required (AUTH_REQUIRED); log in with 'plughub login' or pass --token");
    }
}
