package dev.portalonboarding.onboarding;

import java.util.List;
import java.util.Objects;

/** Who acts through the facade, as the engine authorizes and records them (initiator, user operation log). */
public record Actor(String userId, List<String> groupIds) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    }
}
