package dev.plughub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plughub.client.ChecksumMismatchException;
import dev.plughub.client.RegistryException;
import dev.plughub.client.RegistryUnreachableException;
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
        assertThat(ErrorReport.of(new ChecksumMismatchException("a", "b", "c")).exitCode()).isEqualTo(ExitCodes.CHECKSUM);
        assertThat(ErrorReport.of(new IllegalStateException("boom")).exitCode()).isEqualTo(ExitCodes.UNEXPECTED);
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
