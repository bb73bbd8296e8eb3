package io.careerpath.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reading CSV import files: RFC 4180 quoting, line numbers, the header, typed cells, unreadable rows. */
class CsvRowsTest {

    @Nested
    class Records {

        @Test
        void cellsAreSplitAtCommasAndRecordsAtLineBreaks() throws IOException {
            assertThat(records("a,b,c\nd,,f\n")).containsExactly(
                    new CsvRecords.Record(1, List.of("a", "b", "c"), null, false),
                    new CsvRecords.Record(2, List.of("d", "", "f"), null, false));
        }

        @Test
        void aQuotedCellHoldsCommasQuotesAndLineBreaksAndTheNextRecordKeepsItsLineNumber() throws IOException {
            List<CsvRecords.Record> records = records("""
                    x,"Lovelace, Ada","say ""hi""\",""
                    "two
                    lines",y,z,w
                    last,row,here,!""");

            assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1L, 2L, 4L);
            assertThat(records.get(0).cells()).containsExactly("x", "Lovelace, Ada", "say \"hi\"", "");
            assertThat(records.get(1).cells()).containsExactly("two\nlines", "y", "z", "w");
            assertThat(records.get(2).cells()).containsExactly("last", "row", "here", "!");
        }

        @Test
        void crLfAndLoneCrEndRecordsLikeLf() throws IOException {
            assertThat(records("a,b\r\nc,d\re,f")).extracting(CsvRecords.Record::line, CsvRecords.Record::cells)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, List.of("a", "b")),
                            org.assertj.core.groups.Tuple.tuple(2L, List.of("c", "d")),
                            org.assertj.core.groups.Tuple.tuple(3L, List.of("e", "f")));
        }

        @Test
        void aLineBreakInsideQuotesCountsAsALineWhateverItsKind() throws IOException {
            List<CsvRecords.Record> records = records("\"a\r\nb\",c\r\nd,e\r\n");
            assertThat(records.get(0).cells()).containsExactly("a\nb", "c");
            assertThat(records.get(1).line()).isEqualTo(3);
        }

        @Test
        void anEmptyLineIsNoRecord() throws IOException {
            assertThat(records("a\n\n\"\"\nb\n")).extracting(CsvRecords.Record::blank)
                    .containsExactly(false, true, false, false);
        }

        @Test
        void aQuoteNeverClosedIsReportedWhereTheRecordBegins() throws IOException {
            List<CsvRecords.Record> records = records("a,b\nc,\"never\nclosed\nat all");
            assertThat(records.get(1).line()).isEqualTo(2);
            assertThat(records.get(1).cells()).isNull();
            assertThat(records.get(1).malformed()).contains("cell 2", "not closed");
        }

        @Test
        void textAfterAClosingQuoteMakesTheRecordUnreadableAndReadingGoesOnWithTheNextLine() throws IOException {
            List<CsvRecords.Record> records = records("\"a\"b,c\nd,e\n");
            assertThat(records.get(0).malformed()).contains("after the closing quote of cell 1");
            assertThat(records.get(1)).isEqualTo(new CsvRecords.Record(2, List.of("d", "e"), null, false));
        }

        private List<CsvRecords.Record> records(String text) throws IOException {
            CsvRecords records = new CsvRecords(new StringReader(text));
            List<CsvRecords.Record> all = new ArrayList<>();
            for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
                all.add(r);
            }
            return all;
        }
    }

    @Nested
    class Rows {

        @Test
        void eachRowBecomesTheApiBodyWithoutItsPersonRefAndEmptyCellsLeftOut() throws IOException {
            List<SourceRow> rows = rows("""
                    type,personRef,effectiveDate,pmoType,pmoName,deliveryResponsibility,percentOfTime,level
                    JOINED_PMO,HR-1,2020-01-06,PROGRAM,,true,,
                    ADMINISTRATIVE_LOAD_RECORDED,HR-1,2020-02-03,,,,035,
                    """);

            assertThat(rows).extracting(SourceRow::line, SourceRow::personRef)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "HR-1"),
                            org.assertj.core.groups.Tuple.tuple(3L, "HR-1"));
            assertThat(rows.get(0).fields().toString()).isEqualTo(
                    "{\"type\":\"JOINED_PMO\",\"effectiveDate\":\"2020-01-06\",\"pmoType\":\"PROGRAM\","
                            + "\"deliveryResponsibility\":true}");
            ObjectNode load = rows.get(1).fields();
            assertThat(load.get("percentOfTime").isInt()).isTrue();
            assertThat(load.get("percentOfTime").intValue()).isEqualTo(35);
        }

        @Test
        void numbersAndBooleansThatAreNoneStayTextForTheApiRulesToRefuse() throws IOException {
            ObjectNode fields = rows("""
                    personRef,type,percentOfTime,level,deliveryResponsibility
                    HR-1,X,3.5,five,yes
                    """).get(0).fields();

            assertThat(fields.get("percentOfTime").isTextual()).isTrue();
            assertThat(fields.get("level").isTextual()).isTrue();
            assertThat(fields.get("deliveryResponsibility").isTextual()).isTrue();
        }

        @Test
        void cellsAreTakenAsTheyAreButTheHeaderIsTrimmed() throws IOException {
            ObjectNode fields = rows(" personRef , type ,projectName\nHR-1,X,  Billing  \n").get(0).fields();
            assertThat(fields.get("projectName").textValue()).isEqualTo("  Billing  ");
        }

        @Test
        void aRowWithoutAPersonRefOrWithTheWrongNumberOfCellsIsReportedWithItsLine() throws IOException {
            List<SourceRow> rows = rows("""
                    personRef,type,teamId

                    ,TEAM_CHANGED,t
                    HR-2,TEAM_CHANGED
                    HR-3,TEAM_CHANGED,t,surplus
                    %s,TEAM_CHANGED,t
                    HR-4,TEAM_CHANGED,t
                    """.formatted("x".repeat(101)));

            assertThat(rows).extracting(SourceRow::line, SourceRow::problem, SourceRow::field).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(3L, "validation", "personRef"),
                    org.assertj.core.groups.Tuple.tuple(4L, "malformed-row", null),
                    org.assertj.core.groups.Tuple.tuple(5L, "malformed-row", null),
                    org.assertj.core.groups.Tuple.tuple(6L, "validation", "personRef"),
                    org.assertj.core.groups.Tuple.tuple(7L, null, null));
            assertThat(rows.get(1).reason()).contains("2 cells", "header 3");
            assertThat(rows.get(1).personRef()).isEqualTo("HR-2");
            assertThat(rows.get(3).reason()).contains("between 1 and 100");
        }

        @Test
        void aRowThatCannotBeSplitIsReportedAndTheRestIsRead() throws IOException {
            List<SourceRow> rows = rows("personRef,type\n\"HR-1\"x,T\nHR-2,T\n");
            assertThat(rows.get(0).problem()).isEqualTo("malformed-row");
            assertThat(rows.get(0).reason()).startsWith("The row cannot be read as CSV");
            assertThat(rows.get(1).readable()).isTrue();
        }
    }

    @Nested
    class Header {

        @Test
        void mayComeAfterBlankLinesAndNameColumnsInAnyOrder() throws IOException {
            new CsvRows().check(new StringReader("\n\nteamId,type,personRef\n"));
        }

        @Test
        void namingAnUnknownColumnRefusesTheFile() {
            assertThatThrownBy(() -> new CsvRows().check(new StringReader("personRef,type,team,Skill\n")))
                    .isInstanceOf(InvalidImportFile.class)
                    .hasMessageContaining("unknown columns 'team', 'Skill'")
                    .hasMessageContaining("case-sensitive");
        }

        @Test
        void aColumnTwiceOrNoPersonRefOrTypeRefusesTheFile() {
            assertThatThrownBy(() -> new CsvRows().check(new StringReader("personRef,type,teamId,teamId\n")))
                    .hasMessageContaining("'teamId' twice");
            assertThatThrownBy(() -> new CsvRows().check(new StringReader("personRef,teamId\n")))
                    .hasMessageContaining("no 'type' column");
            assertThatThrownBy(() -> new CsvRows().check(new StringReader("type\n")))
                    .hasMessageContaining("no 'personRef' column");
        }

        @Test
        void aFileWithoutAHeaderIsEmpty() {
            assertThatThrownBy(() -> new CsvRows().check(new StringReader("\n\n")))
                    .isInstanceOfSatisfying(InvalidImportFile.class,
                            invalid -> assertThat(invalid.slug()).isEqualTo("import-file-empty"));
        }
    }

    private static List<SourceRow> rows(String text) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        new CsvRows().read(new StringReader(text), rows::add);
        return rows;
    }
}
