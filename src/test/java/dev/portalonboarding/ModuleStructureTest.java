package dev.portalonboarding;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The packages under dev.portalonboarding are application modules (Spring Modulith): no cycles between
 * them, no use of another module's internals, and only the dependencies each package-info.java allows.
 * Also writes the module diagram (target/spring-modulith-docs); docs/modules holds the README's copy.
 */
class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(PortalOnboardingApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
