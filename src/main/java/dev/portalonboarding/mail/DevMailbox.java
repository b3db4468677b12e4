package dev.portalonboarding.mail;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Embedded profile only: an in-process SMTP catcher on {@code spring.mail.host:port} and a page at
 * {@code /dev/mailbox} that shows what it caught, so a person can follow an invitation link on one
 * machine without a mail server. Outside the embedded profile this bean and its page do not exist.
 */
@Controller
@Profile("embedded")
public class DevMailbox implements DisposableBean {

    private final GreenMail smtp;

    public DevMailbox(MailProperties mail) {
        smtp = new GreenMail(new ServerSetup(mail.getPort(), mail.getHost(), ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @GetMapping("/dev/mailbox")
    String mailbox(Model model) {
        List<CaughtMail> mails = Arrays.stream(smtp.getReceivedMessages())
                .map(CaughtMail::of)
                .sorted(Comparator.comparing(CaughtMail::index).reversed())
                .toList();
        model.addAttribute("mails", mails);
        return "dev/mailbox";
    }

    @Override
    public void destroy() {
        smtp.stop();
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

    record CaughtMail(int index, String to, String subject, String sentAt, String text, List<String> links) {

        static CaughtMail of(MimeMessage message) {
            try {
                String text = MailParts.find(message, "text/plain").orElse("");
                return new CaughtMail(message.getMessageNumber(), String.join(", ",
                        Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
                        message.getSubject(), String.valueOf(message.getSentDate()), text,
                        LINK.matcher(text).results().map(m -> m.group()).distinct().toList());
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable message in the development mailbox", e);
            }
        }
    }
}
