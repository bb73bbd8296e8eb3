package io.careerpath.command.web;

import org.springframework.util.unit.DataSize;

/**
 * A request path whose bodies may be larger than {@code careerpath.api.max-body-size}: a feature that
 * takes files (the bulk import) declares one as a bean, and {@link RequestBodyLimit} applies this
 * limit there instead, the same way (413 on a declared length over it, or once a chunked body passes it).
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path   the exact request path, e.g. {@code /api/imports}
 */
public record LargeBodyPath(String method, String path, DataSize limit) {
}
