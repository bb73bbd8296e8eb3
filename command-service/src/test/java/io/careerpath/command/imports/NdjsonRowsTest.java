package io.careerpath.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading NDJSON import files: one object per line, as strictly as the API reads a body. */
class NdjsonRowsTest {

    /** As strict as the API's mapper (spring.jackson in command-service.yml). */
    private final NdjsonRows ndjson = new NdjsonRows(JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build());

    @Test
    void eachLineIsARowNumberedByItsLineAndBlankLinesAreSkipped() throws IOException {
        List<SourceRow> rows = rows("""
                {"personRef": "HR-1", "type": "TEAM_CHANGED", "effectiveDate": "2020-01-06", "teamId": "t"}

                   \t
                {"type": "SKILL_ASSESSED", "personRef": "HR-2", "level": 3}
                """);

        assertThat(rows).extracting(SourceRow::line, SourceRow::personRef)
                .containsExactly(tuple(1L, "HR-1"), tuple(4L, "HR-2"));
        assertThat(rows.get(0).fields().toString())
                .isEqualTo("{\"type\":\"TEAM_CHANGED\",\"effectiveDate\":\"2020-01-06\",\"teamId\":\"t\"}");
        assertThat(rows.get(1).fields().get("level").isInt()).isTrue();
    }

    @Test
    void linesThatAreNotOneJsonObjectAreReportedAndTheRestIsRead() throws IOException {
        List<SourceRow> rows = rows(String.join("\r\n",
                "{\"personRef\": \"HR-1\", \"type\": ",
                "[{\"personRef\": \"HR-1\"}]",
                "{\"personRef\": \"HR-1\", \"type\": \"A\", \"type\": \"B\"}",
                "{\"personRef\": \"HR-1\", \"type\": \"A\"} {}",
                "\"HR-1\"",
                "{\"personRef\": \"HR-1\", \"type\": \"A\"}"));

        assertThat(rows).extracting(SourceRow::line, SourceRow::problem).containsExactly(tuple(1L, "malformed-row"),
                tuple(2L, "malformed-row"), tuple(3L, "malformed-row"), tuple(4L, "malformed-row"),
                tuple(5L, "malformed-row"), tuple(6L, null));
        assertThat(rows.get(0).reason()).startsWith("The line is not valid JSON");
        assertThat(rows.get(1).reason()).startsWith("The line is not a JSON object");
        assertThat(rows.get(2).reason()).contains("Duplicate field 'type'");
    }

    @Test
    void personRefIsAStringThatIsNotBlank() throws IOException {
        List<SourceRow> rows = rows("""
                {"type": "A"}
                {"personRef": null, "type": "A"}
                {"personRef": " ", "type": "A"}
                {"personRef": 1234, "type": "A"}
                """);

        assertThat(rows).extracting(SourceRow::problem, SourceRow::field).containsExactly(
                tuple("validation", "personRef"), tuple("validation", "personRef"), tuple("validation", "personRef"),
                tuple("invalid-value", "personRef"));
    }

    @Test
    void aFileWithoutRowsIsEmpty() {
        assertThatThrownBy(() -> ndjson.check(new StringReader("\n \n")))
                .isInstanceOfSatisfying(InvalidImportFile.class,
                        invalid -> assertThat(invalid.slug()).isEqualTo("import-file-empty"));
    }

    private List<SourceRow> rows(String text) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        ndjson.read(new StringReader(text), rows::add);
        return rows;
    }
}
