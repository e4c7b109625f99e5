package org.nettychat.client.cli;

/** The command-line client's exit codes. */
final class ExitCode {

    /** Everything sent was acknowledged, or the user quit. */
    static final int OK = 0;
    /** The server refused a message that was sent, or it was not acknowledged in time. */
    static final int NOT_SENT = 1;
    /** The command line is wrong. */
    static final int USAGE = 2;
    /**
     * The server could not be reached or closed the connection before login, or the session ended for good (the
     * server refused to let it log in again).
     */
    static final int CANNOT_CONNECT = 3;
    /** The server refused the login: the name is invalid or taken, or the password is wrong. */
    static final int REFUSED = 4;

    private ExitCode() {
    }
}
