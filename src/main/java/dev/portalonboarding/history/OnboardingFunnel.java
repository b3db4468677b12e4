package dev.portalonboarding.history;

import java.time.LocalDate;
import java.util.List;

/**
 * How many invitations reached each stage of the funnel in [from, to) (UTC days), counted from the
 * invitation audit trail: the same answer on every node.
 */
public record OnboardingFunnel(LocalDate from, LocalDate to, List<Stage> stages) {

    /** Invitations with at least one entry of this stage in the range (an invitation opened twice counts once). */
    public record Stage(String stage, long invitations) {
    }
}
