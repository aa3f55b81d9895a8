package app.caseload.clients;

import app.caseload.clients.CaseloadConsistency.Difference;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** How an operator runs the consistency guard: an Actuator endpoint, and a command line. */
final class CaseloadCheck {

    private CaseloadCheck() {}

    /**
     * {@code GET /actuator/caseload}: whether the relation is consistent and how many rows differ
     * (counts only: the endpoint spans every practice). Not exposed over HTTP unless the operator adds
     * {@code caseload} to {@code management.endpoints.web.exposure.include}, and then only to admins;
     * the command line below lists the rows.
     */
    @Component
    @Endpoint(id = "caseload")
    static class ConsistencyEndpoint {

        private final CaseloadConsistency consistency;

        ConsistencyEndpoint(CaseloadConsistency consistency) {
            this.consistency = consistency;
        }

        record Report(
                boolean consistent,
                long missing,
                long extra,
                long clientNumbersDiffering,
                long practiceNumbersDiffering) {}

        @ReadOperation
        Report check() {
            List<Difference> differences = consistency.differences(Integer.MAX_VALUE);
            long missing =
                    differences.stream().filter(d -> d.kind().equals("missing")).count();
            long clients = consistency.clientNumbersDiffering();
            long practices = consistency.practiceNumbersDiffering();
            return new Report(
                    differences.isEmpty() && clients == 0 && practices == 0,
                    missing,
                    differences.size() - missing,
                    clients,
                    practices);
        }
    }

    /**
     * {@code java -jar caseload.jar --caseload.check-relation=true}: runs the check once, prints the
     * differences and exits 0 when there are none, 1 otherwise.
     */
    @Component
    @ConditionalOnProperty("caseload.check-relation")
    static class CommandLine implements ApplicationRunner {

        private static final Logger log = LoggerFactory.getLogger(CommandLine.class);

        private final CaseloadConsistency consistency;
        private final ApplicationContext context;

        CommandLine(CaseloadConsistency consistency, ApplicationContext context) {
            this.consistency = consistency;
            this.context = context;
        }

        @Override
        public void run(ApplicationArguments args) {
            List<Difference> differences = consistency.differences(Integer.MAX_VALUE);
            differences.forEach(d -> log.error("caseload relation differs: {}", d));
            long clients = consistency.clientNumbersDiffering();
            long practices = consistency.practiceNumbersDiffering();
            log.info(
                    "caseload relation check: {} difference(s); kept numbers differ for {} client(s), {} practice(s)",
                    differences.size(),
                    clients,
                    practices);
            int code = differences.isEmpty() && clients == 0 && practices == 0 ? 0 : 1;
            System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
        }
    }
}
