package app.caseload.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paged list: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only says that there is
     * a next page, and the cursor points after the last row shown.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /** The limit a client asked for, checked: 1 to {@link #MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw CaseloadException.invalid("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return requested;
    }
}
