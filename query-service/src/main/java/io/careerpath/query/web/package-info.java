/**
 * The dashboards' settings ({@code GET /api/config}: where the command API is, where the browser signs in); the
 * pages themselves are static resources (docs/dashboards.md).
 */
package io.careerpath.query.web;
