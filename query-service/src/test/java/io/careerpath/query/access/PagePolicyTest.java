package io.careerpath.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.careerpath.query.api.ApiTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Every page (and every answer) carries the strict Content-Security-Policy of docs/security.md. */
@ApiTest
@TestPropertySource(properties = {"careerpath.web.command-api-url=https://commands.example.org:8443/base/",
        "careerpath.web.sign-in.issuer=https://sign-in.example.org/realms/careerpath"})
class PagePolicyTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void theStartPageGetsTheStrictPolicy() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/index.html")).andExpect(status().isOk()).andReturn().getResponse();

        assertStrict(page);
    }

    @Test
    void anApiAnswerGetsItToo() throws Exception {
        assertStrict(mvc.perform(get("/api/config")).andExpect(status().isOk()).andReturn().getResponse());
        assertStrict(mvc.perform(get("/api/people/p-1/timeline")).andReturn().getResponse()); // refused: no token
    }

    private static void assertStrict(MockHttpServletResponse response) {
        String header = response.getHeader("Content-Security-Policy");
        assertThat(header).as("Content-Security-Policy").isNotNull();
        List<String> directives = Arrays.stream(header.split(";")).map(String::trim).toList();
        assertThat(directives).containsExactlyInAnyOrder(
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                // origins only: no path, no trailing slash
                "connect-src 'self' https://commands.example.org:8443 https://sign-in.example.org",
                "form-action 'self' https://sign-in.example.org",
                "frame-ancestors 'none'",
                "base-uri 'none'",
                "object-src 'none'");
        assertThat(header).doesNotContain("unsafe-inline", "unsafe-eval", "frame-src");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }
}
