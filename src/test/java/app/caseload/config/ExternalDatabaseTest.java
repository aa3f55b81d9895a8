package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code spring.datasource.url} set, Caseload uses that PostgreSQL (here a separately started
 * server standing in for an operator's database) and starts no embedded one.
 */
@SpringBootTest(properties = "spring.mail.host=127.0.0.1")
@DirtiesContext // close it after this class; the stand-in server stops with the JVM
class ExternalDatabaseTest {

    static final EmbeddedPostgres EXTERNAL = start();

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EXTERNAL.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("caseload.data-dir", () -> "target/must-not-be-created-" + UUID.randomUUID());
    }

    @Test
    void usesTheConfiguredDatabaseAndStartsNoEmbeddedOne() {
        assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        assertThat(jdbc.sql("select inet_server_port()").query(Integer.class).single())
                .isEqualTo(EXTERNAL.getPort());
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(Path.of("target/external-db-" + UUID.randomUUID()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
