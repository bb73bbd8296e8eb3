package io.careerpath.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The part of the body limit an API test cannot reach: a body without Content-Length (chunked) is
 * counted as it is read. (A declared length over the limit is covered by the API tests.)
 */
class RequestBodyLimitTest {

    private final RequestBodyLimit filter = new RequestBodyLimit(new ApiProperties(DataSize.ofBytes(1_000)), new ObjectMapper());

    @Test
    void aChunkedBodyOverTheLimitFailsWhileItIsRead() throws Exception {
        FilterChain readEverything = (request, response) -> {
            try (InputStream in = request.getInputStream()) {
                in.readAllBytes();
            }
        };

        assertThatThrownBy(() -> filter.doFilter(chunked(1_001), new MockHttpServletResponse(), readEverything))
                .isInstanceOf(RequestBodyLimit.BodyTooLarge.class);
    }

    @Test
    void aChunkedBodyWithinTheLimitReadsWhole() throws Exception {
        int[] read = new int[1];
        FilterChain readEverything = (request, response) -> read[0] = request.getInputStream().readAllBytes().length;

        filter.doFilter(chunked(1_000), new MockHttpServletResponse(), readEverything);

        assertThat(read[0]).isEqualTo(1_000);
    }

    private static MockHttpServletRequest chunked(int size) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/people") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContent(new byte[size]);
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}
