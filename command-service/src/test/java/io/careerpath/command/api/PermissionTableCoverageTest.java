package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.security.PermissionTable;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the command service is in the permission table (permissions.csv), and every command
 * row of the table is an endpoint here: a new endpoint cannot slip in without deciding who may call it.
 * The open paths (health, metrics, the API's documentation, /error) are not the table's business.
 */
class PermissionTableCoverageTest extends CommandApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theEndpointsAreExactlyTheCommandRowsOfThePermissionTable() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().forEach(pattern -> {
            if (!pattern.startsWith("/v3/api-docs") && !pattern.startsWith("/swagger-ui") && !pattern.equals("/error")) {
                mapping.getMethodsCondition().getMethods().forEach(method -> endpoints.add(method + " " + pattern));
            }
        }));
        Set<String> table = new TreeSet<>();
        PermissionTable.load().stream().filter(row -> row.service().equals("command"))
                .forEach(row -> table.add(row.method() + " " + row.path()));

        assertThat(endpoints).isEqualTo(table);
    }
}
