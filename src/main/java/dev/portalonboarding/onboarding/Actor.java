package dev.portalonboarding.onboarding;

import java.util.List;

/** TEMPORARY stand-in for branch i11-facade's Actor, removed when it lands on main. */
public record Actor(String userId, List<String> groupIds) {
}
