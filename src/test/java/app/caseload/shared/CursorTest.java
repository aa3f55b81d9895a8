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
    void aCursorOfOneOrderIsRefusedByAnother() {
        UUID id = UUID.randomUUID();
        String zToA = Cursor.encode("-name", "zoe zimmer", id);
        assertThat(Cursor.decode(zToA, "-name", "name")).isEqualTo(new Cursor("zoe zimmer", id));
        // Issued before the list had orders: the first order's.
        String unordered = Cursor.encode("ada alder", id);
        assertThat(Cursor.decode(unordered, "name", "name")).isEqualTo(new Cursor("ada alder", id));
        for (String[] bad : List.of(
                new String[] {zToA, "name"},
                new String[] {unordered, "-name"},
                new String[] {"name.", "name"},
                new String[] {".", "name"},
                new String[] {"-name.!!!", "-name"},
                new String[] {"newest." + Cursor.encode("x", id), "name"})) {
            assertThatThrownBy(() -> Cursor.decode(bad[0], bad[1], "name"))
                    .as(bad[0] + " in " + bad[1])
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
