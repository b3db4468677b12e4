package dev.portalonboarding.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) in the test JVM, on one port for the whole run so it can be restarted. */
public final class TestMailServer {

    private static final int PORT = freePort();
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

    /** All messages received so far, by anyone; counts stored messages without copying them. */
    public static synchronized int receivedCount() {
        return greenMail.getManagers().getImapHostManager().getAllMessages().size();
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
