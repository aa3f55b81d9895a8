package app.caseload.shared.web;

/** CSV cells for exports that people open in spreadsheets. */
public final class Csv {

    private Csv() {}

    /**
     * RFC 4180 quoting, and a leading quote before =, +, -, @, tab and carriage return so that a
     * spreadsheet never runs a cell as a formula (CSV injection).
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = neutralize(value.toString());
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /**
     * The text with a leading apostrophe when it starts with =, +, -, @, tab or carriage return, so
     * that a spreadsheet shows it as text instead of running it as a formula.
     */
    public static String neutralize(String text) {
        if (text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** Undoes {@link #neutralize}: a file exported here imports with its cells as they were stored. */
    public static String restore(String text) {
        if (text != null
                && text.length() > 1
                && text.charAt(0) == '\''
                && FORMULA_STARTS.indexOf(text.charAt(1)) >= 0) {
            return text.substring(1);
        }
        return text;
    }

    private static final String FORMULA_STARTS = "=+-@\t\r";

    /** One CRLF-terminated row. */
    public static String row(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        return line.append("\r\n").toString();
    }
}
