package dev.portalonboarding.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) in the test JVM, on one port for the whole run so it can be restarted. */
public final class TestMailServer {

    private static final int PORT = freePort();
    private static final AtomicInteger RECEIVED = new AtomicInteger();
    private static GreenMail greenMail;

    public static synchronized int port() {
        if (greenMail == null) {
            start();
        }
        return PORT;
    }

    /** Starts the server unless it runs already. */
    public static synchronized void start() {
        if (greenMail != null && greenMail.isRunning()) {
            return;
        }
        greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        // One catch-all mailbox: GreenMail's default gives every new recipient a mailbox, found by a linear
        // search, which makes a run with thousands of fresh recipients quadratic. Tests select by recipient.
        GreenMailUser catchAll = catchAllUser();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            RECEIVED.incrementAndGet();
            return catchAll;
        });
    }

    private static GreenMailUser catchAllUser() {
        try {
            return greenMail.getUserManager().createUser("catch-all@test", "catch-all", "catch-all");
        } catch (UserException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void stop() {
        greenMail.stop();
    }

    /** Messages received for one recipient, oldest first. Tests use fresh addresses, so they don't see each other's mail. */
    public static synchronized List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> isAddressedTo(message, email))
                .toList();
    }

    /** Deletes every message received so far; {@link #receivedCount()} still counts them. */
    public static synchronized void discardReceived() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages received so far, by anyone, across restarts of the server; counted, not copied. */
    public static int receivedCount() {
        return RECEIVED.get();
    }

    private static boolean isAddressedTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(address -> address.toString().toLowerCase().contains("<" + email.toLowerCase() + ">")
                            || address.toString().equalsIgnoreCase(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestMailServer() {
    }
}
