package io.careerpath.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** A path that takes files (the bulk import) gets its own body limit; every other path keeps the API's. */
class LargeBodyPathTest {

    private final RequestBodyLimit filter = new RequestBodyLimit(new ApiProperties(DataSize.ofBytes(1_000)),
            new ObjectMapper(), List.of(new LargeBodyPath("POST", "/api/imports", DataSize.ofBytes(5_000))));

    private final FilterChain readEverything = (request, response) -> {
        try (InputStream in = request.getInputStream()) {
            in.readAllBytes();
        }
    };

    @Test
    void theLargeBodyPathTakesBodiesUpToItsOwnLimit() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("POST", "/api/imports", 5_000, false), response, readEverything);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void overItsOwnLimitItAnswers413DeclaredOrChunked() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("POST", "/api/imports", 5_001, false), response, readEverything);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("\"maxBytes\":5000");
        assertThatThrownBy(() -> filter.doFilter(request("POST", "/api/imports", 5_001, true),
                new MockHttpServletResponse(), readEverything))
                .isInstanceOfSatisfying(RequestBodyLimit.BodyTooLarge.class, e -> assertThat(e.limit()).isEqualTo(5_000));
    }

    @Test
    void otherPathsAndOtherMethodsKeepTheApiLimit() throws Exception {
        MockHttpServletResponse people = new MockHttpServletResponse();
        filter.doFilter(request("POST", "/api/people", 1_001, false), people, readEverything);
        MockHttpServletResponse put = new MockHttpServletResponse();
        filter.doFilter(request("PUT", "/api/imports", 1_001, false), put, readEverything);
        assertThat(people.getStatus()).isEqualTo(413);
        assertThat(put.getStatus()).isEqualTo(413);
    }

    private static MockHttpServletRequest request(String method, String path, int size, boolean chunked) {
        MockHttpServletRequest request = chunked ? new MockHttpServletRequest(method, path) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        } : new MockHttpServletRequest(method, path);
        request.setContent(new byte[size]);
        return request;
    }
}
