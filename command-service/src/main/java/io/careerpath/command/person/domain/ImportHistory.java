package io.careerpath.command.person.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A person's rows of a bulk import, recorded in one unit of work (see {@link Person}). The rows keep
 * the file's order, except that a registration goes first: the person must exist before anything
 * else is recorded for them, wherever the registration stands in the file.
 *
 * @param recordedBy who uploaded the file (the request's identity)
 * @param recordedAt when the import began: every row of one import carries the same instant
 */
public record ImportHistory(
        @TargetAggregateIdentifier String personId,
        List<ImportRow> rows,
        String recordedBy,
        Instant recordedAt) {

    public ImportHistory {
        List<ImportRow> ordered = new ArrayList<>(rows.size());
        rows.stream().filter(ImportRow::isRegistration).forEach(ordered::add);
        rows.stream().filter(row -> !row.isRegistration()).forEach(ordered::add);
        rows = List.copyOf(ordered);
    }
}
