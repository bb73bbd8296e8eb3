package io.careerpath.command.imports;

/**
 * The file as a whole cannot be imported (no rows, a header naming unknown columns, not UTF-8 text):
 * refused at upload with 400, nothing recorded.
 */
final class InvalidImportFile extends RuntimeException {

    private final String slug;
    private final String title;

    InvalidImportFile(String slug, String title, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
    }

    static InvalidImportFile empty(String detail) {
        return new InvalidImportFile("import-file-empty", "Nothing to import", detail);
    }

    static InvalidImportFile invalid(String detail) {
        return new InvalidImportFile("import-file-invalid", "The file cannot be imported", detail);
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }
}
