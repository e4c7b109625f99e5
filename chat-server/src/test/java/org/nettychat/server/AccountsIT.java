package org.nettychat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nettychat.protocol.ErrorMessage;
import org.nettychat.protocol.Hello;
import org.nettychat.protocol.ServerMessage;
import org.nettychat.protocol.Welcome;
import org.nettychat.server.auth.Accounts;
import org.nettychat.server.auth.LoginThrottle;
import org.nettychat.server.auth.PasswordHash;

/** Names listed in a users file need their password; others stay first come, first served. */
class AccountsIT {

    @TempDir
    Path dir;
    private RunningServer running;

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users");
        // dave's hash is slow to check, so that many guesses are under way at once.
        Files.writeString(users, "# accounts\n\nalice:" + PasswordHash.create("s3cret".toCharArray(), 1_000).encode()
                + "\ndave:" + PasswordHash.create("slow".toCharArray(), 200_000).encode() + "\n");
        running = RunningServer.start("--users-file", users.toString());
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private TestClient hello(String name, String password) throws InterruptedException {
        TestClient client = running.connect();
        client.send(new Hello(name, password, null, null));
        return client;
    }

    @Test
    void hello_whenPasswordRight_thenWelcome() throws Exception {
        assertThat(hello("ALICE", "s3cret").expect(Welcome.class).name()).isEqualTo("ALICE");
    }

    @Test
    void hello_whenPasswordWrongOrMissing_thenAuthFailedAndClose() throws Exception {
        TestClient wrong = hello("alice", "guess");
        wrong.expectError("auth-failed");
        assertThat(wrong.awaitClosed()).isTrue();
        TestClient missing = hello("alice", null);
        missing.expectError("auth-failed");
        assertThat(missing.awaitClosed()).isTrue();
    }

    @Test
    void hello_whenNameHasNoAccount_thenFirstComeFirstServed() throws Exception {
        assertThat(hello("bob", null).expect(Welcome.class).name()).isEqualTo("bob");
    }

    @Test
    void hello_afterTooManyFailuresFromOneAddress_thenEvenTheRightPasswordIsRefused() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            hello("alice", "guess " + i).expectError("auth-failed");
        }
        TestClient right = hello("alice", "s3cret");
        assertThat(right.expectError("auth-failed").text()).contains("too many failed logins");
    }

    @Test
    void hello_manyWrongPasswordsAtOnceFromOneAddress_thenOnlyTheThrottlesShareIsChecked() throws Exception {
        List<TestClient> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add(hello("dave", "guess " + i));
        }
        int checked = 0;
        for (TestClient guess : guesses) {
            ErrorMessage answer = guess.expect(ErrorMessage.class);
            // The rest are refused as throttled, or asked to retry while the checked ones are under way.
            assertThat(answer.code()).isIn("auth-failed", "unavailable");
            if (answer.text().contains("wrong or missing password")) {
                checked++;
            }
        }
        assertThat(checked).isEqualTo(LoginThrottle.MAX_FAILURES);
    }

    @Test
    void hello_manyRightPasswordsAtOnceFromOneAddress_thenNoneIsRefusedAsAFailedLogin() throws Exception {
        List<TestClient> logins = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            logins.add(hello("dave", "slow"));
        }
        int welcomed = 0;
        for (TestClient login : logins) {
            ServerMessage answer = login.awaitMessage(ServerMessage.class);
            if (answer instanceof Welcome) {
                welcomed++;
            } else {
                // One name logs in once; the others are told it is taken, or to retry while checks are under way.
                assertThat(((ErrorMessage) answer).code()).isIn("name-taken", "unavailable");
            }
        }
        assertThat(welcomed).isEqualTo(1);
    }

    @Test
    void hashPassword_printsALineTheServerAccepts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = HashPasswordCommand.run(List.of("carol"), null,
                new ByteArrayInputStream("open sesame\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith("carol:pbkdf2-sha256:").doesNotContain("open sesame");
        Path users = dir.resolve("more-users");
        Files.writeString(users, line + "\n");
        assertThat(Accounts.load(users).find("Carol")).hasValueSatisfying(
                hash -> assertThat(hash.matches("open sesame".toCharArray())).isTrue());
    }
}
