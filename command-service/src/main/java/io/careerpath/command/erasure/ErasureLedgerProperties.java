package io.careerpath.command.erasure;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the erasure ledger lives ({@link ErasureLedger}, docs/operations.md "Erasure after a restore").
 *
 * @param directory a directory the event store's backups do not cover and that outlives them (the
 *                  single-machine mode: {@code <data-dir>/erasure-ledger}; production: a volume of its
 *                  own, shared by every command-service instance); relative paths are taken from the
 *                  working directory
 * @param instance  names this instance's file in the directory ({@code erasures-<instance>.jsonl}); empty: the
 *                  host name. Instances sharing the directory need different names
 */
@Validated
@ConfigurationProperties("careerpath.erasure-ledger")
record ErasureLedgerProperties(
        @NotNull @DefaultValue("erasure-ledger") Path directory,
        @Pattern(regexp = "[A-Za-z0-9._-]{0,100}", message = "letters, digits, '.', '_' or '-' only")
        @DefaultValue("") String instance) {
}
