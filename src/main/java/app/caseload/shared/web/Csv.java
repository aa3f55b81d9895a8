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
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

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
