package io.careerpath.command.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Reads the rows of an import file of one format, in file order. */
interface RowReader {

    /** Checks what can be checked before the import is accepted (the CSV header); throws {@link InvalidImportFile}. */
    void check(Reader in) throws IOException;

    /** Every row, in file order; a row that cannot be read is given with its reason, and reading goes on. */
    void read(Reader in, Consumer<SourceRow> rows) throws IOException;
}
