package io.careerpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.security.PermissionTable.Permission;
import io.careerpath.security.PermissionTable.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The permission table in docs/security.md is permissions.csv rendered: when the file changes, this test fails
 * and prints the table to paste, so the documented rules cannot drift from the enforced ones.
 */
class PermissionTableDocumentedTest {

    @Test
    void the_readme_shows_the_permission_table_as_enforced() throws IOException {
        String readme = Files.readString(Path.of("..", "docs", "security.md"));
        String table = render();
        assertThat(readme).as("docs/security.md must contain the permission table rendered from permissions.csv:%n%s", table)
                .contains(table);
    }

    static String render() {
        StringBuilder out = new StringBuilder("| service | endpoint | action | ");
        out.append(Arrays.stream(Role.values()).map(Enum::name).collect(Collectors.joining(" | "))).append(" |\n");
        out.append("|---|---|---|").append("---|".repeat(Role.values().length)).append('\n');
        for (Permission row : PermissionTable.load()) {
            out.append("| ").append(row.service()).append(" | `").append(row.method()).append(' ').append(row.path())
                    .append("` | ").append(row.action()).append(" | ");
            out.append(Arrays.stream(Role.values()).map(role -> cell(row, row.scope(role)))
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(Permission row, Scope scope) {
        return switch (row.kind()) {
            case OPEN -> "open";
            case CLIENT -> "— (query service's client only)";
            case LIST -> switch (scope) {
                case NONE -> "empty list";
                case TEAM -> "managed teams";
                default -> scope.name().toLowerCase(Locale.ROOT);
            };
            case TEAM -> switch (scope) {
                case NONE -> "—";
                case TEAM -> "managed teams";
                default -> scope.name().toLowerCase(Locale.ROOT);
            };
            default -> scope == Scope.NONE ? "—" : scope.name().toLowerCase(Locale.ROOT);
        };
    }
}
