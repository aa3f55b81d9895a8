package app.caseload.audit.web;

import app.caseload.shared.web.Csv;

final class AuditCsv {

    private AuditCsv() {}

    /** RFC 4180 quoting, and a leading quote before =, +, -, @ so spreadsheets never run a cell as a formula. */
    static String cell(Object value) {
        return Csv.cell(value);
    }
}
