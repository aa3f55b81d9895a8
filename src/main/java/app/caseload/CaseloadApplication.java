package app.caseload;

import app.caseload.config.EmbeddedDatabaseHeadStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CaseloadApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Caseload as {@code main} runs it: the embedded database starts while the context is built. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(CaseloadApplication.class);
        application.addListeners(new EmbeddedDatabaseHeadStart());
        return application;
    }
}
