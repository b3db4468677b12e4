package dev.portalonboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The packages under dev.portalonboarding are application modules (Spring Modulith): no cycles between
 * them, no use of another module's internals, and only the dependencies each package-info.java allows.
 * Also writes the module diagram (target/spring-modulith-docs); docs/modules holds the README's copy.
 */
class ModuleStructureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/portalonboarding");
    private static final Pattern MODULE_IMPORT = Pattern.compile("import (?:static )?dev\\.portalonboarding\\.([a-z]+)\\..*");

    private final ApplicationModules modules = ApplicationModules.of(PortalOnboardingApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
    }

    /**
     * The check above reads bytecode, where javac has inlined String constants (the process names in
     * OnboardingProcess): a module used only for its constants is invisible there, as the old
     * invitation → onboarding cycle was. The imports still name it.
     */
    @Test
    void sourcesImportOnlyTheAllowedModules() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the root package is shared by all
                }
                String module = relative.getName(0).toString();
                Set<String> allowed = allowedDependencies(module);
                for (String line : Files.readAllLines(file)) {
                    Matcher used = MODULE_IMPORT.matcher(line);
                    if (used.matches() && !used.group(1).equals(module)
                            && (allowed == null ? "security".equals(used.group(1)) : !allowed.contains(used.group(1)))) {
                        violations.add(relative + ": " + line);
                    }
                }
            }
        }
        assertThat(violations).as("imports of modules the package-info.java does not allow").isEmpty();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    /** The module's declared dependencies; null for an open module (security, the composition root). */
    private static Set<String> allowedDependencies(String module) {
        try {
            ApplicationModule declared = Class.forName("dev.portalonboarding." + module + ".package-info")
                    .getAnnotation(ApplicationModule.class);
            return declared == null ? null : Set.of(declared.allowedDependencies());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
