package dev.portalonboarding.mail;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.micrometer.core.instrument.MeterRegistry;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.invitation.InvitationCode.Purpose;

/**
 * The emails of an onboarding, each with an HTML and a plain-text part in the contact's language
 * (templates under {@code templates/mail/}, wording in {@code messages*.properties}). Sending failures
 * propagate, so the engine retries the job and raises an incident when retries run out. Every attempt
 * at one email composes the same content under the same Message-ID.
 */
@Component
public class OnboardingMails {

    static {
        // jakarta.mail 2.1 finds its StreamProvider with a ServiceLoader scan of the classpath for every
        // message part it builds or parses, a fifth of the CPU of a bulk onboarding. Naming the
        // implementation (Angus Mail's, the one on the classpath) skips the scan.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private final SmtpConnections smtp;
    private final MessageSource messages;
    private final OnboardingProperties properties;
    private final SpringTemplateEngine templates;
    private final MeterRegistry meters;

    OnboardingMails(SmtpConnections smtp, MessageSource messages, OnboardingProperties properties,
            MeterRegistry meters) {
        this.smtp = smtp;
        this.meters = meters;
        this.messages = messages;
        this.properties = properties;
        this.templates = new SpringTemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        templates.setTemplateEngineMessageSource(messages);
    }

    public void sendInvitation(Contact contact, UUID invitationId, String code, Instant expiresAt) {
        send(contact, "invitation", codedMessageId(Purpose.INVITATION, invitationId, code), Map.of(
                "link", properties.link("/invitations/" + code),
                "expiresAt", properties.mail().dateTime(expiresAt, contact.locale())));
    }

    public void sendReminder(Contact contact, UUID invitationId, String code, Instant expiresAt) {
        send(contact, "reminder", codedMessageId(Purpose.REMINDER, invitationId, code), Map.of(
                "link", properties.link("/invitations/" + code),
                "expiresAt", properties.mail().dateTime(expiresAt, contact.locale())));
    }

    /** The welcome after the redemption of this invitation. */
    public void sendWelcome(Contact contact, UUID redeemedInvitationId) {
        send(contact, "welcome", messageId("welcome." + redeemedInvitationId),
                Map.of("link", properties.link("/portal")));
    }

    /** The goodbye after this offboarding: no link, the portal refuses the user now. */
    public void sendGoodbye(Contact contact, String offboardingId) {
        send(contact, "goodbye", messageId("goodbye." + offboardingId), Map.of());
    }

    /**
     * The same for every attempt at one email, so a receiving server that got it already may drop a
     * retry's duplicate. It names a prefix of the code's stored hash (never the code): two emails share
     * a Message-ID exactly when they carry the same link, even across a change of the code secret.
     */
    private String codedMessageId(Purpose purpose, UUID invitationId, String code) {
        return messageId(purpose.label() + "." + invitationId + "." + InvitationCode.hash(code).substring(0, 16));
    }

    private String messageId(String localPart) {
        return "<" + localPart + "@" + properties.publicBaseUrl().getHost() + ">";
    }

    private void send(Contact contact, String template, String messageId, Map<String, Object> model) {
        Locale locale = contact.locale();
        Context context = new Context(locale);
        context.setVariables(model);
        context.setVariable("firstName", contact.firstName());
        context.setVariable("organisation", properties.organisationName());
        String subject = messages.getMessage("mail." + template + ".subject",
                new Object[] {properties.organisationName()}, locale);
        context.setVariable("subject", subject);
        String html = templates.process(template + ".html", context);
        String text = templates.process(template + ".txt", context);

        MimeMessage message = smtp.createMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.mail().from());
            helper.setTo(new InternetAddress(contact.email(), contact.fullName(), "UTF-8"));
            helper.setSubject(subject);
            helper.setText(text, html);
            // SmtpConnections keeps a Message-ID set before sending (MimeMessage.saveChanges would replace it)
            message.setHeader("Message-ID", messageId);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new MailPreparationException("Cannot compose the " + template + " email", e);
        }
        try {
            smtp.send(message);
        } catch (MailException e) {
            // Each failed attempt, on the node that made it (README, Metrics)
            meters.counter("onboarding.email.failures", "email", template).increment();
            throw e;
        }
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setResolvablePatterns(java.util.Set.of(pattern));
        resolver.setOrder(order);
        // Parsed once per node and kept for good (the default, relied on: composing is a hot spot of bulks)
        resolver.setCacheable(true);
        return resolver;
    }
}
