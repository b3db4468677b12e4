package dev.portalonboarding.bulk;

import java.util.List;
import java.util.Optional;

/**
 * The engine groups of an uploader the engine's identity service does not know, such as an API client
 * (its groups are configuration, not engine memberships): the batches start onboardings with them.
 */
public interface UploaderGroups {

    /** The uploader's groups, or empty when this source does not know the uploader. */
    Optional<List<String>> groupsOf(String uploader);
}
