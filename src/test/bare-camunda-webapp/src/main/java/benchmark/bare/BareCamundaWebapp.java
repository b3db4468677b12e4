package benchmark.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Camunda 7 engine with its webapps and nothing of ours, to compare the service's start-up with. */
@SpringBootApplication
public class BareCamundaWebapp {

    public static void main(String[] args) {
        SpringApplication.run(BareCamundaWebapp.class, args);
    }
}
