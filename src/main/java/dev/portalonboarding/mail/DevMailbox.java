package dev.portalonboarding.mail;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Embedded profile only: an in-process SMTP catcher on {@code spring.mail.host:port} and a page at
 * {@code /dev/mailbox} that shows what it caught, newest first, so a person can follow an invitation
 * link on one machine without a mail server. Outside the embedded profile this bean and its pages do
 * not exist.
 *
 * <p>An email's HTML part is shown in a sandboxed frame from {@code /dev/mailbox/{id}/html}, a document
 * with its own policy: the email's inline styles apply, nothing in it runs, loads or submits, and it
 * gets an opaque origin, so it cannot reach this app with the visitor's cookies.
 */
@Controller
@Profile("embedded")
public class DevMailbox implements DisposableBean {

    /** The mailbox page: our stylesheet, and frames from here only (the HTML parts). */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; frame-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** An email's HTML part: its own inline styles and nothing else; framed by the mailbox page only. */
    private static final String PART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");
    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final GreenMail smtp;

    public DevMailbox(MailProperties mail) {
        smtp = new GreenMail(new ServerSetup(mail.getPort(), mail.getHost(), ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @GetMapping("/dev/mailbox")
    String mailbox(Model model, HttpServletResponse response) {
        List<StoredMessage> received = received();
        List<CaughtMail> mails = IntStream.range(0, received.size())
                .mapToObj(id -> CaughtMail.of(id, received.get(id)))
                .sorted(Comparator.comparingInt(CaughtMail::id).reversed())
                .toList();
        model.addAttribute("mails", mails);
        response.setHeader("Content-Security-Policy", PAGE_POLICY);
        return "dev/mailbox";
    }

    @GetMapping("/dev/mailbox/{id}/html")
    ResponseEntity<String> htmlPart(@PathVariable int id) {
        List<StoredMessage> received = received();
        if (id < 0 || id >= received.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String html = MailParts.find(received.get(id).getMimeMessage(), "text/html")
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                // Its frame-ancestors lets the mailbox page frame it; browsers then ignore the app's X-Frame-Options
                .header("Content-Security-Policy", PART_POLICY)
                .body(html);
    }

    /** Oldest first: an email's position here is its id, which stays while newer emails arrive. */
    private List<StoredMessage> received() {
        return smtp.getManagers().getImapHostManager().getAllMessages().stream()
                .sorted(Comparator.comparing(StoredMessage::getReceivedDate).thenComparingLong(StoredMessage::getUid))
                .toList();
    }

    @Override
    public void destroy() {
        smtp.stop();
    }

    /** One email with its headers decoded (RFC 2047 words such as {@code =?UTF-8?Q?J=C3=BCrgen?=} as text). */
    record CaughtMail(int id, String from, String to, String subject, String receivedAt, String text, boolean hasHtml,
            List<String> links) {

        static CaughtMail of(int id, StoredMessage stored) {
            MimeMessage message = stored.getMimeMessage();
            try {
                String text = MailParts.find(message, "text/plain").orElse("");
                return new CaughtMail(id, addresses(message.getFrom()), addresses(message.getAllRecipients()),
                        Optional.ofNullable(message.getSubject()).orElse(""),
                        RECEIVED.format(stored.getReceivedDate().toInstant()), text,
                        MailParts.find(message, "text/html").isPresent(),
                        LINK.matcher(text).results().map(m -> m.group()).distinct().toList());
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable message in the development mailbox", e);
            }
        }

        private static String addresses(Address[] addresses) {
            return addresses == null ? "" : String.join(", ", Arrays.stream(addresses)
                    .map(address -> address instanceof InternetAddress internet ? readable(internet) : address.toString())
                    .toList());
        }

        /** As a person writes it: Jürgen Müller &lt;juergen@example.com&gt; (getPersonal decodes the name). */
        private static String readable(InternetAddress address) {
            return address.getPersonal() == null ? address.getAddress()
                    : address.getPersonal() + " <" + address.getAddress() + ">";
        }
    }
}
