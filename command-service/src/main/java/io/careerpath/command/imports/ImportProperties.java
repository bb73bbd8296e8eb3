package io.careerpath.command.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the bulk import ({@code careerpath.imports.*}).
 *
 * @param maxFileSize         the largest file accepted (413 beyond); about 100 bytes a row, so 50 MB is
 *                            about half a million rows. Rows are held in memory while a file is imported.
 * @param workers             threads recording people in parallel (each holds one database connection); on
 *                            two cores shared with the database, 2 did best (4 was 20-40 % slower)
 * @param batchRows           rows per database transaction: whole people are grouped until a batch has
 *                            at least this many rows
 * @param maxReportedFailures failures listed per import (the lowest line numbers); all are counted
 * @param concurrentImports   imports running at once on one server; later ones wait (state QUEUED)
 */
@Validated
@ConfigurationProperties("careerpath.imports")
public record ImportProperties(
        @NotNull @DefaultValue("50MB") DataSize maxFileSize,
        @Min(1) @Max(64) @DefaultValue("2") int workers,
        @Min(1) @DefaultValue("500") int batchRows,
        @Min(0) @DefaultValue("1000") int maxReportedFailures,
        @Min(1) @DefaultValue("1") int concurrentImports) {
}
