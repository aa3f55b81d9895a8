package app.caseload.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.shared.CaseloadException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Wall-clock times in a zone across daylight-saving changes; no Spring needed. */
class LocalTimesTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aSkippedTimeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> LocalTimes.resolve(LocalDateTime.parse("2026-03-08T02:30"), CHICAGO, "startsAt"))
                .isInstanceOf(CaseloadException.class)
                .hasMessageContaining("02:30 does not exist on 2026-03-08 in America/Chicago");
        assertThatThrownBy(() -> LocalTimes.resolve(LocalDateTime.parse("2026-03-29T02:30"), BERLIN, "startsAt"))
                .isInstanceOf(CaseloadException.class)
                .hasMessageContaining("the clocks skip forward");
    }

    @Test
    void aRepeatedTimeIsTheEarlierOneAndSaysSo() {
        var chicago = LocalTimes.resolve(LocalDateTime.parse("2026-11-01T01:30"), CHICAGO, "startsAt");
        assertThat(chicago.instant()).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
        assertThat(chicago.ambiguous()).isTrue();
        assertThat(chicago.explanation()).contains("happens twice", "01:30 CDT");
        var berlin = LocalTimes.resolve(LocalDateTime.parse("2026-10-25T02:30"), BERLIN, "startsAt");
        assertThat(berlin.instant()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(berlin.explanation()).contains("02:30 CEST");
    }

    @Test
    void anOrdinaryTimeUsesTheOffsetOfItsDay() {
        assertThat(LocalTimes.resolve(LocalDateTime.parse("2026-03-09T10:00"), CHICAGO, "startsAt")
                        .instant())
                .isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
        assertThat(LocalTimes.resolve(LocalDateTime.parse("2026-03-07T10:00"), CHICAGO, "startsAt")
                        .instant())
                .isEqualTo(Instant.parse("2026-03-07T16:00:00Z"));
        var summer = LocalTimes.resolve(LocalDateTime.parse("2026-03-30T10:00"), BERLIN, "startsAt");
        assertThat(summer.instant()).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(summer.ambiguous()).isFalse();
    }
}
