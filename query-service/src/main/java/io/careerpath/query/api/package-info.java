/**
 * The query API's shared vocabulary: the {@code asOf}/{@code knownOn} viewpoint every view takes
 * ({@link io.careerpath.query.api.AsOf}), the shape of ids in paths ({@link io.careerpath.query.api.IdPatterns}),
 * the refusals controllers throw and how each leaves the API as a problem detail
 * ({@link io.careerpath.query.api.QueryApiProblems}; docs/api.md lists the types), and the API's settings
 * ({@code careerpath.query.*}).
 */
package io.careerpath.query.api;
