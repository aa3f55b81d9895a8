package app.caseload.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsKeyAndId() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-27T15:00:00.123456Z");
        Cursor cursor = Cursor.decode(Cursor.encode(at, id));
        assertThat(cursor.instantKey()).isEqualTo(at);
        assertThat(cursor.id()).isEqualTo(id);
        assertThat(Cursor.decode(Cursor.encode("line\nbreak name", id)).key()).isEqualTo("line\nbreak name");
    }

    @Test
    void rejectsCursorsItDidNotIssueWithA400() {
        for (String bad : List.of(
                "!!!", "bm90LWEtY3Vyc29y", Cursor.encode("x", UUID.randomUUID()).substring(3))) {
            assertThatThrownBy(() -> Cursor.decode(bad).instantKey())
                    .isInstanceOfSatisfying(
                            CaseloadException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void pagesCarryACursorOnlyWhenThereIsMore() {
        assertThat(Page.of(List.of(1, 2), 2, String::valueOf).nextCursor()).isNull();
        Page<Integer> page = Page.of(List.of(1, 2, 3), 2, String::valueOf);
        assertThat(page.items()).containsExactly(1, 2);
        assertThat(page.nextCursor()).isEqualTo("2");
        assertThatThrownBy(() -> Page.limit(0)).isInstanceOf(CaseloadException.class);
        assertThatThrownBy(() -> Page.limit(501)).isInstanceOf(CaseloadException.class);
        assertThat(Page.limit(null)).isEqualTo(50);
    }
}
