package io.careerpath.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
                    new CsvRecordReader.Record(1, List.of("a", "b", "c"), null),
                    new CsvRecordReader.Record(2, List.of("d", "", "f"), null));
        }

        @Test
        void aQuotedCellHoldsCommasQuotesAndLineBreaksAndTheNextRecordKeepsItsLineNumber() throws IOException {
            List<CsvRecordReader.Record> records = records("""
                    x,"Lovelace, Ada","say ""hi""\",""
                    "two
                    lines",y,z,w
                    last,row,here,!""");

            assertThat(records).extracting(CsvRecordReader.Record::line).containsExactly(1L, 2L, 4L);
            assertThat(records.get(0).cells()).containsExactly("x", "Lovelace, Ada", "say \"hi\"", "");
            assertThat(records.get(1).cells()).containsExactly("two\nlines", "y", "z", "w");
            assertThat(records.get(2).cells()).containsExactly("last", "row", "here", "!");
        }

        @Test
        void crLfAndLoneCrEndRecordsLikeLf() throws IOException {
            assertThat(records("a,b\r\nc,d\re,f")).extracting(CsvRecordReader.Record::line, CsvRecordReader.Record::cells)
                    .containsExactly(tuple(1L, List.of("a", "b")), tuple(2L, List.of("c", "d")),
                            tuple(3L, List.of("e", "f")));
        }

        @Test
        void aLineBreakInsideQuotesIsKeptAsWrittenAndCountsAsALineWhateverItsKind() throws IOException {
            List<CsvRecordReader.Record> records = records("\"a\r\nb\rc\nd\",e\r\nf,g\r\n");
            assertThat(records.get(0).cells()).containsExactly("a\r\nb\rc\nd", "e");
            assertThat(records.get(1).line()).isEqualTo(5);
        }

        @Test
        void anEmptyLineIsNoRecordButAnEmptyQuotedCellIs() throws IOException {
            assertThat(records("a\n\n\"\"\n\r\n\rb\n")).extracting(CsvRecordReader.Record::line,
                    CsvRecordReader.Record::cells).containsExactly(tuple(1L, List.of("a")), tuple(3L, List.of("")),
                    tuple(6L, List.of("b")));
        }

        @Test
        void aQuoteNeverClosedIsReportedWhereTheRecordBeginsAndTheNextLinesAreRecordsOfTheirOwn() throws IOException {
            List<CsvRecordReader.Record> records = records("a,b\nc,\"never\nclosed\r\nat all");
            assertThat(records.get(1).line()).isEqualTo(2);
            assertThat(records.get(1).cells()).isNull();
            assertThat(records.get(1).malformed()).contains("cell 2", "not closed");
            assertThat(records.subList(2, records.size())).containsExactly(
                    new CsvRecordReader.Record(3, List.of("closed"), null),
                    new CsvRecordReader.Record(4, List.of("at all"), null));
        }

        @Test
        void spacesAndTabsAfterAClosingQuoteAreIgnoredButNothingElseIs() throws IOException {
            List<CsvRecordReader.Record> records = records("\"a\" \t,\"b\"  \n\"c\" x,d\n");
            assertThat(records.get(0)).isEqualTo(new CsvRecordReader.Record(1, List.of("a", "b"), null));
            assertThat(records.get(1).malformed()).contains("after the closing quote of cell 1");
        }

        @Test
        void textAfterAClosingQuoteMakesTheRecordUnreadableAndReadingGoesOnWithTheNextLine() throws IOException {
            List<CsvRecordReader.Record> records = records("\"a\"b,c\nd,e\n");
            assertThat(records.get(0).malformed()).contains("after the closing quote of cell 1");
            assertThat(records.get(1)).isEqualTo(new CsvRecordReader.Record(2, List.of("d", "e"), null));
        }

        /**
         * Thousands of records with every kind of cell, some rows with a quote left open among them, read
         * through a source that hands out the text in blocks of random sizes: the parser's read-ahead and
         * the new starts after the open quotes cross block boundaries everywhere.
         */
        @Test
        void everyCellComesBackAsWrittenAndEveryOpenQuoteCostsOnlyItsLineWhateverTheBlocksTheTextArrivesIn()
                throws IOException {
            java.util.Random random = new java.util.Random(20261202);
            String[] pieces = {"a", "Lovelace, Ada", "say \"hi\"", "", " ", "\r\n", "\r", "\n", ",", "ü€𝄞", "x".repeat(300)};
            String[] breaks = {"\n", "\r\n", "\r"};
            StringBuilder text = new StringBuilder();
            List<CsvRecordReader.Record> expected = new ArrayList<>();
            long line = 1;
            for (int r = 0; r < 3000; r++) {
                if (random.nextInt(40) == 0) {
                    text.append("open,\"quote ").append(r).append(breaks[random.nextInt(3)]);
                    expected.add(new CsvRecordReader.Record(line++, null, "not closed"));
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (int c = 1 + random.nextInt(4); c > 0; c--) {
                    // a quoted cell starts with a letter: a quote left open above closes on it and fails there
                    String cell = "c" + pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
                    cells.add(cell);
                    text.append(cells.size() > 1 ? "," : "").append('"').append(cell.replace("\"", "\"\"")).append('"');
                }
                text.append(breaks[random.nextInt(3)]);
                expected.add(new CsvRecordReader.Record(line, cells, null));
                line += 1 + String.join("", cells).replace("\r\n", "\n").chars().filter(c -> c == '\r' || c == '\n').count();
            }
            java.io.Reader blocks = new java.io.FilterReader(new StringReader(text.toString())) {
                @Override
                public int read(char[] into, int offset, int length) throws IOException {
                    return super.read(into, offset, Math.min(length, 1 + random.nextInt(random.nextBoolean() ? 9 : 9000)));
                }
            };

            List<CsvRecordReader.Record> read = new ArrayList<>();
            CsvRecordReader records = new CsvRecordReader(blocks);
            for (CsvRecordReader.Record r = records.next(); r != null; r = records.next()) {
                read.add(r.cells() == null ? new CsvRecordReader.Record(r.line(), null,
                        r.malformed().contains("not closed") ? "not closed" : r.malformed()) : r);
            }

            assertThat(expected).filteredOn(r -> r.cells() == null).hasSizeGreaterThan(50);
            assertThat(read).containsExactlyElementsOf(expected);
        }

        private List<CsvRecordReader.Record> records(String text) throws IOException {
            CsvRecordReader records = new CsvRecordReader(new StringReader(text));
            List<CsvRecordReader.Record> all = new ArrayList<>();
            for (CsvRecordReader.Record r = records.next(); r != null; r = records.next()) {
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

        /**
         * Every column the format has, in an order of its own, each cell a value found nowhere else: each field
         * of the API body holds the value of its own column, typed as the API takes it, and nothing else is in it.
         */
        @Test
        void eachFieldHoldsTheValueOfItsOwnColumnWhateverTheColumnsOrder() throws IOException {
            List<String> columns = new ArrayList<>(CsvRows.COLUMNS);
            java.util.Collections.reverse(columns);
            java.util.Collections.swap(columns, 0, columns.size() / 2);
            ObjectNode expected = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            List<String> cells = new ArrayList<>();
            int number = 10;
            for (String column : columns) {
                String cell;
                if (column.equals(CsvRows.PERSON_REF)) {
                    cell = "HR-77";
                } else if (column.equals("percentOfTime") || column.equals("level")) {
                    cell = String.valueOf(++number);
                    expected.put(column, number);
                } else if (column.equals("deliveryResponsibility")) {
                    cell = "true";
                    expected.put(column, true);
                } else if (column.equals("willing")) {
                    cell = "false";
                    expected.put(column, false);
                } else {
                    cell = "value of " + column;
                    expected.put(column, cell);
                }
                cells.add(cell);
            }

            List<SourceRow> rows = rows(String.join(",", columns) + "\n" + String.join(",", cells) + "\n");

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).personRef()).isEqualTo("HR-77");
            assertThat(rows.get(0).line()).isEqualTo(2);
            ObjectNode fields = rows.get(0).fields();
            assertThat(fields.has(CsvRows.PERSON_REF)).isFalse();
            assertThat(fields.size()).isEqualTo(CsvRows.COLUMNS.size() - 1);
            expected.fieldNames().forEachRemaining(column ->
                    assertThat(fields.get(column)).as("field %s", column).isEqualTo(expected.get(column)));
            assertThat(fields).isEqualTo(expected);
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
    class Recovery {

        @Test
        void aQuotedCellKeepsItsLineBreaksAsWrittenAndTheNextRowKeepsItsLineNumber() throws IOException {
            List<SourceRow> rows = rows("personRef,type,displayName\r\nHR-1,T,\"a\r\nb\rc\nd\"\r\nHR-2,T,x\r\n");

            assertThat(rows.get(0).fields().get("displayName").textValue()).isEqualTo("a\r\nb\rc\nd");
            assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 6L);
        }

        @Test
        void aQuoteNotClosedCostsOnlyItsOwnRowAndTheNextLineIsReadAsTheNextRow() throws IOException {
            List<SourceRow> rows = rows("""
                    personRef,type,displayName
                    HR-1,T,Ada
                    HR-2,T,"Grace
                    HR-3,T,"Story, Pat"
                    HR-4,T,Kay
                    """);

            assertThat(rows).extracting(SourceRow::line, SourceRow::personRef, SourceRow::problem).containsExactly(
                    tuple(2L, "HR-1", null),
                    tuple(3L, null, "malformed-row"),
                    tuple(4L, "HR-3", null),
                    tuple(5L, "HR-4", null));
            assertThat(rows.get(1).reason()).startsWith("The row cannot be read as CSV").contains("cell 3", "not closed");
            assertThat(rows.get(2).fields().get("displayName").textValue()).isEqualTo("Story, Pat");
        }

        @Test
        void aQuoteNotClosedUpToTheEndOfTheFileCostsOnlyItsOwnRowToo() throws IOException {
            List<SourceRow> rows = rows("personRef,type,displayName\nHR-2,T,\"Grace\nHR-3,T,Pat\r\nHR-4,T,Kay");

            assertThat(rows).extracting(SourceRow::line, SourceRow::problem).containsExactly(
                    tuple(2L, "malformed-row"),
                    tuple(3L, null),
                    tuple(4L, null));
            assertThat(rows.get(1).fields().get("displayName").textValue()).isEqualTo("Pat");
        }
    }

    @Nested
    class Header {

        @Test
        void mayComeAfterBlankLinesAndNameColumnsInAnyOrder() throws IOException {
            String file = "\n\nteamId,type,personRef\nteam-a,TEAM_CHANGED,HR-1\n";

            assertThatCode(() -> new CsvRows().check(new StringReader(file))).doesNotThrowAnyException();
            List<SourceRow> rows = rows(file);
            assertThat(rows).extracting(SourceRow::line, SourceRow::personRef).containsExactly(tuple(4L, "HR-1"));
            assertThat(rows.get(0).fields().toString()).isEqualTo("{\"teamId\":\"team-a\",\"type\":\"TEAM_CHANGED\"}");
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
