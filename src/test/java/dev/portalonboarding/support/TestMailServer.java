package dev.portalonboarding.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final AtomicBoolean REJECT_NEXT = new AtomicBoolean();
    private static final Map<String, List<String>> CONNECTIONS_BY_RECIPIENT = new ConcurrentHashMap<>();
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
            if (REJECT_NEXT.compareAndSet(true, false)) {
                // GreenMail answers 451 (local error in processing) and keeps nothing
                throw new IllegalStateException("Delivery rejected by the test");
            }
            // GreenMail handles each SMTP connection in a thread of its own, named after the client's address and port
            CONNECTIONS_BY_RECIPIENT.computeIfAbsent(recipient.getEmail().toLowerCase(), email -> new CopyOnWriteArrayList<>())
                    .add(Thread.currentThread().getName());
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

    /** The SMTP connection each message to this recipient came over, oldest first: the client's address and port. */
    public static List<String> connectionsTo(String email) {
        return List.copyOf(CONNECTIONS_BY_RECIPIENT.getOrDefault(email.toLowerCase(), List.of()));
    }

    /** The next message delivered is refused after its DATA with 451, as a relay with a local problem does. */
    public static void rejectNextDelivery() {
        REJECT_NEXT.set(true);
    }

    /** Deletes every message received so far; {@link #receivedCount()} still counts them. */
    public static synchronized void discardReceived() {
        CONNECTIONS_BY_RECIPIENT.clear();
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
