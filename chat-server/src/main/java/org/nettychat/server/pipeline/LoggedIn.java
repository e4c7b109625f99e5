package org.nettychat.server.pipeline;

import java.util.Map;

/**
 * Fired down the pipeline by {@link LoginHandler} once a session is registered and welcomed.
 *
 * @param resume the rooms to rejoin with the last id seen in each; empty for a fresh login
 */
record LoggedIn(Map<String, Long> resume) {
}
