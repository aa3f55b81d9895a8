package app.caseload.clients;

import app.caseload.clients.ClientIntake.Field;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The client CSV file, the same for import and export (SPEC §4): UTF-8, a header row, one client
 * per row, these columns in this order. Export writes every column; an import needs the required
 * ones, in any order, and refuses columns it does not know.
 */
public final class ClientFile {

    private ClientFile() {}

    /** The header of an export, and the columns an import reads. */
    public static final List<String> COLUMNS = List.of(
            Field.FULL_NAME.column,
            Field.DATE_OF_BIRTH.column,
            Field.EMAIL.column,
            Field.PHONE.column,
            Field.KIND.column,
            Field.THERAPIST.column,
            Field.STATUS.column);

    /** The columns an import cannot do without; email, phone and status may be left out. */
    public static final List<String> REQUIRED =
            List.of(Field.FULL_NAME.column, Field.DATE_OF_BIRTH.column, Field.KIND.column, Field.THERAPIST.column);

    /** RFC 4180 (comma, double quotes, CRLF); blank lines between rows are skipped on import. */
    static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** At most this many clients in one import; a larger file is refused as a whole (split it). */
    public static final int MAX_ROWS = 100_000;

    /** At most this many bytes in one import (about 300 bytes a row at the row cap). */
    public static final long MAX_BYTES = 32L * 1024 * 1024;
}
