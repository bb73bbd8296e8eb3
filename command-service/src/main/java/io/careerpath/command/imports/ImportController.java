package io.careerpath.command.imports;

import io.careerpath.command.web.Ids;
import io.careerpath.command.web.Problems;
import io.careerpath.command.web.RequestBodyLimit;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk import of career histories: upload a CSV or NDJSON file (docs/bulk-import.md), follow its
 * progress. The upload answers 202 as soon as the file is received and its header checked; the rows
 * are recorded in the background. HR administrators only (docs/security.md); the rows are recorded in
 * the uploader's name ({@link Caller#recorder()}).
 */
@RestController
@RequestMapping(ImportController.PATH)
class ImportController {

    static final String PATH = "/api/imports";
    private static final int RECENT = 20;

    private final BulkImports imports;

    ImportController(BulkImports imports) {
        this.imports = imports;
    }

    @Operation(summary = "Import career histories from a file",
            description = "The body is the file itself (`Content-Type: text/csv` or `application/x-ndjson`), or a"
                    + " `multipart/form-data` form with the file in part `file`. The format comes from `format`"
                    + " (csv, ndjson), else the content type, else the file name's extension (.csv, .ndjson,"
                    + " .jsonl). Answers 202 with the import's progress and its address in `Location`; the rows"
                    + " are recorded in the background. See docs/bulk-import.md for the columns.")
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = ImportStatus.class)))
    @ApiResponse(responseCode = "400", description = "empty file, invalid header, not UTF-8, unknown format",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "not an HR administrator",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "file over careerpath.imports.max-file-size",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "neither CSV nor NDJSON",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportStatus> uploadForm(
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "csv or ndjson; by default from the part's content type or file name")
            @RequestParam(name = "format", required = false) String format,
            Caller caller) throws IOException {
        requireAdministrator(caller);
        MediaType partType = file.getContentType() == null ? null : parse(file.getContentType());
        ImportFormat chosen = format(format, partType, file.getOriginalFilename());
        try (InputStream body = file.getInputStream()) {
            return accept(body, file.getOriginalFilename(), chosen, caller.recorder());
        }
    }

    @Operation(summary = "Import career histories from a file (the body is the file)", hidden = true)
    @PostMapping
    ResponseEntity<ImportStatus> upload(
            HttpServletRequest request,
            @RequestParam(name = "format", required = false) String format,
            @Parameter(description = "the file's name, shown with the import")
            @RequestParam(name = "fileName", required = false) String fileName,
            Caller caller) throws IOException {
        requireAdministrator(caller);
        MediaType type = request.getContentType() == null ? null : parse(request.getContentType());
        ImportFormat chosen = format(format, type, fileName);
        try (InputStream body = request.getInputStream()) {
            return accept(body, fileName, chosen, caller.recorder());
        }
    }

    @Operation(summary = "An import's progress: rows done of total, rate, time left, and the rows not recorded")
    @ApiResponse(responseCode = "200")
    @ApiResponse(responseCode = "404", description = "no such import",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{id}")
    ResponseEntity<ImportStatus> status(@PathVariable String id, Caller caller) {
        requireAdministrator(caller);
        return imports.status(Ids.uuid(id, "id"))
                .map(status -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status))
                .orElseThrow(() -> Problems.refusal(HttpStatus.NOT_FOUND, "import-not-found", "Unknown import",
                        "No import with id " + id));
    }

    @Operation(summary = "The latest imports, newest first (figures only; the failures are in each import's own answer)")
    @GetMapping
    ResponseEntity<List<ImportStatus>> recent(Caller caller) {
        requireAdministrator(caller);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(imports.recent(RECENT));
    }

    private ResponseEntity<ImportStatus> accept(InputStream body, String fileName, ImportFormat format,
                                                String recordedBy) throws IOException {
        Upload upload;
        try {
            upload = Upload.receive(body, fileName, format);
        } catch (RequestBodyLimit.BodyTooLarge tooLarge) {
            throw new org.springframework.web.ErrorResponseException(HttpStatus.PAYLOAD_TOO_LARGE,
                    RequestBodyLimit.problem(tooLarge.limit()), tooLarge);
        }
        try {
            imports.check(upload);
        } catch (IOException | RuntimeException e) {
            upload.delete();
            throw e;
        }
        ImportStatus status = imports.start(upload, recordedBy);
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + status.id())).body(status);
    }

    /** Before anything is read: the file of someone without the role is never received. */
    private static void requireAdministrator(Caller caller) {
        if (!caller.mayAdminister()) {
            throw Problems.forbidden("Only HR administrators may import histories and follow imports");
        }
    }

    private static ImportFormat format(String format, MediaType type, String fileName) {
        if (format != null) {
            return ImportFormat.named(format).orElseThrow(() -> Problems.refusal(HttpStatus.BAD_REQUEST,
                    "invalid-value", "Invalid value", "format must be csv or ndjson, not '" + format + "'"));
        }
        Optional<ImportFormat> byType = ImportFormat.ofMediaType(type);
        if (byType.isPresent()) {
            return byType.get();
        }
        return ImportFormat.ofFileName(fileName).orElseThrow(() -> Problems.refusal(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "An import is a CSV file (Content-Type: text/csv) or an NDJSON file (application/x-ndjson); name"
                        + " the format with ?format=csv or ?format=ndjson if the content type cannot say"
                        + (type == null ? "" : " (got " + type + ")")));
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
