package io.careerpath.command.web;

import io.careerpath.security.web.ProblemDetails;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code careerpath.api.max-body-size} (64 KiB by default; a career event
 * is a few hundred bytes) with 413 and a problem detail, before anything is parsed or recorded. A
 * declared {@code Content-Length} over the limit is refused at once; a body without one (chunked) is
 * counted as it is read, and reading past the limit fails the request the same way. Paths that take
 * files declare their own, larger limit ({@link LargeBodyPath}).
 */
@Component
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long defaultLimit;
    private final List<LargeBodyPath> largeBodies;
    private final ObjectMapper json;

    RequestBodyLimit(ApiProperties properties, ObjectMapper json) {
        this(properties, json, List.of());
    }

    @Autowired
    RequestBodyLimit(ApiProperties properties, ObjectMapper json, ObjectProvider<LargeBodyPath> largeBodies) {
        this(properties, json, largeBodies.orderedStream().toList());
    }

    RequestBodyLimit(ApiProperties properties, ObjectMapper json, List<LargeBodyPath> largeBodies) {
        this.defaultLimit = properties.maxBodySize().toBytes();
        this.largeBodies = largeBodies;
        this.json = json;
    }

    /** The 413 answer for a body over {@code limit} bytes. */
    public static ProblemDetail problem(long limit) {
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large",
                "The request body exceeds " + limit + " bytes; nothing was recorded");
        problem.setProperty("maxBytes", limit);
        return problem;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem(limit));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
    }

    private long limitFor(HttpServletRequest request) {
        for (LargeBodyPath large : largeBodies) {
            if (large.method().equalsIgnoreCase(request.getMethod()) && large.path().equals(request.getRequestURI())) {
                return large.limit().toBytes();
            }
        }
        return defaultLimit;
    }

    /** Thrown while reading a body past the limit; the API answers it with 413. */
    public static final class BodyTooLarge extends IOException {

        private final long limit;

        BodyTooLarge(long limit) {
            super("Request body exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    static final class Counting extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        Counting(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
