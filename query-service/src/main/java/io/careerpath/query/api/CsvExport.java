package io.careerpath.query.api;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * An API answer as a spreadsheet: the same endpoint, asked with {@code Accept: text/csv}, answers a CSV
 * table (RFC 4180: a header row, CRLF, UTF-8) instead of JSON; same handler, so same permissions and
 * the same refusals (as problem details). A feature registers one with
 * {@code WebMvcConfigurer.extendMessageConverters}, which appends it after JSON, so that a request
 * without an {@code Accept} header still gets JSON.
 *
 * <p>A cell that a spreadsheet would take for a formula (starting with {@code = + - @}, a tab or a
 * carriage return) gets a leading {@code '}: a name like {@code =HYPERLINK(...)} stays text.
 */
public final class CsvExport<T> extends AbstractHttpMessageConverter<T> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final CsvMapper CSV = new CsvMapper();

    /** A table: the file name offered for saving it, the header row and the rows, each as many cells as the header. */
    public record Table(String fileName, List<String> header, List<List<String>> rows) {
    }

    private final Class<T> type;
    private final Function<T, Table> table;

    private CsvExport(Class<T> type, Function<T, Table> table) {
        super(TEXT_CSV);
        this.type = type;
        this.table = table;
    }

    /** Writes answers of {@code type} as the table {@code table} makes of them. */
    public static <T> CsvExport<T> of(Class<T> type, Function<T, Table> table) {
        return new CsvExport<>(type, table);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return type.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected T readInternal(Class<? extends T> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("CSV is only written", inputMessage);
    }

    @Override
    protected void writeInternal(T answer, HttpOutputMessage outputMessage) throws IOException {
        Table csv = table.apply(answer);
        outputMessage.getHeaders().setContentDisposition(ContentDisposition.attachment().filename(csv.fileName()).build());
        outputMessage.getBody().write(bytes(csv));
    }

    /** The table as RFC 4180 CSV in UTF-8. */
    public static byte[] bytes(Table csv) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        csv.header().forEach(column -> schema.addColumn(guarded(column)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (SequenceWriter rows = CSV.writer(schema.build().withLineSeparator("\r\n")).writeValues(out)) {
            for (List<String> row : csv.rows()) {
                rows.write(row.stream().map(CsvExport::guarded).toList());
            }
        }
        return out.toByteArray();
    }

    /** The cell as text a spreadsheet will not run. */
    static String guarded(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
