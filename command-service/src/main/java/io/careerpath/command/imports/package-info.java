/** Bulk imports: upload, CSV and NDJSON decoding, the job, and the fast path ({@code ImportFastPath}) that records a batch of people at once. */
package io.careerpath.command.imports;
