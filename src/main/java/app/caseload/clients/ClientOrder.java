package app.caseload.clients;

import java.util.Locale;

/**
 * The orders a client list can be read in, each keyset-paged on an index read forwards or backwards:
 * by name A–Z (the default) or Z–A. Named in requests by {@link #param()}; a cursor carries the
 * order it was issued for, so it is refused (400) in any other.
 */
public enum ClientOrder {
    NAME("name", "Name A–Z", false),
    NAME_DESCENDING("-name", "Name Z–A", true);

    private final String param;
    private final String label;
    private final boolean descending;

    ClientOrder(String param, String label, boolean descending) {
        this.param = param;
        this.label = label;
        this.descending = descending;
    }

    /** The value of the {@code sort} parameter that names this order. */
    public String param() {
        return param;
    }

    /** What a person reads in the list's "Sort" choice. */
    public String label() {
        return label;
    }

    public boolean descending() {
        return descending;
    }

    /** The order a {@code sort} parameter names: absent or blank is A–Z; anything else unknown is a 400. */
    public static ClientOrder of(String sort) {
        ClientOrder order = orNull(sort);
        if (order == null && sort != null && !sort.isBlank()) {
            throw ClientProblems.invalid("sort", "invalid-sort", "must be name or -name");
        }
        return order == null ? NAME : order;
    }

    /** The order a {@code sort} parameter names, or null when it names none. */
    public static ClientOrder orNull(String sort) {
        if (sort == null) {
            return null;
        }
        String wanted = sort.strip().toLowerCase(Locale.ROOT);
        for (ClientOrder order : values()) {
            if (order.param.equals(wanted)) {
                return order;
            }
        }
        return null;
    }
}
