package dev.portalonboarding.mail;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.MessageSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.Contact;

/**
 * The emails of an onboarding, each with an HTML and a plain-text part in the contact's language
 * (templates under {@code templates/mail/}, wording in {@code messages*.properties}). Sending failures
 * propagate, so the engine retries the job and raises an incident when retries run out.
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

    private final JavaMailSender mailSender;
    private final MessageSource messages;
    private final OnboardingProperties properties;
    private final SpringTemplateEngine templates;

    public OnboardingMails(JavaMailSender mailSender, MessageSource messages, OnboardingProperties properties) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.properties = properties;
        this.templates = new SpringTemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        templates.setTemplateEngineMessageSource(messages);
    }

    public void sendInvitation(Contact contact, String code, Instant expiresAt) {
        send(contact, "invitation", Map.of(
                "link", properties.link("/invitations/" + code),
                "expiresAt", formatInstant(expiresAt, contact.locale())));
    }

    public void sendReminder(Contact contact, String code, Instant expiresAt) {
        send(contact, "reminder", Map.of(
                "link", properties.link("/invitations/" + code),
                "expiresAt", formatInstant(expiresAt, contact.locale())));
    }

    public void sendWelcome(Contact contact) {
        send(contact, "welcome", Map.of("link", properties.link("/portal")));
    }

    private void send(Contact contact, String template, Map<String, Object> model) {
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

        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.mail().from());
            helper.setTo(new InternetAddress(contact.email(), contact.fullName(), "UTF-8"));
            helper.setSubject(subject);
            helper.setText(text, html);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new MailPreparationException("Cannot compose the " + template + " email", e);
        }
        mailSender.send(message);
    }

    private String formatInstant(Instant instant, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(properties.mail().timeZone());
        return format.format(instant) + " (" + properties.mail().timeZone().getId() + ")";
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setResolvablePatterns(java.util.Set.of(pattern));
        resolver.setOrder(order);
        return resolver;
    }
}
