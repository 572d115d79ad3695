package bench.vanilla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with nothing added: its routes, discovery instances and port come from the command line
 * (bench/run.sh), everything else is the default.
 */
@SpringBootApplication
public class VanillaGateway {

    public static void main(String[] args) {
        SpringApplication.run(VanillaGateway.class, args);
    }
}
