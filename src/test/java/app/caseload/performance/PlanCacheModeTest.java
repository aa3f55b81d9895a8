package app.caseload.performance;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The app's connections plan each statement for its own values: a generic plan for "a practice" and
 * "a lens" is what made a supervisor's pending notes 7× slower at a million clients
 * (docs/performance.md). Guarded here because nothing else would notice it going away.
 */
class PlanCacheModeTest extends IntegrationTest {

    @Test
    void everyPooledConnectionPlansForItsOwnValues() {
        assertThat(jdbc.sql("show plan_cache_mode").query(String.class).single())
                .isEqualTo("force_custom_plan");
    }
}
