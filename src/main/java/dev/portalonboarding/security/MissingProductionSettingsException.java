package dev.portalonboarding.security;

import java.util.List;

public class MissingProductionSettingsException extends IllegalStateException {

    private final List<String> missing;

    public MissingProductionSettingsException(List<String> missing) {
        super("The production profile needs these settings: " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
