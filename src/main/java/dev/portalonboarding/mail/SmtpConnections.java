package dev.portalonboarding.mail;

import java.util.Date;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends emails over SMTP connections kept open and reused, instead of a connection per email as
 * {@link JavaMailSenderImpl#send} opens (a TCP and SMTP handshake, and a thread for the write timeout,
 * each time). The connection settings are Spring Boot's {@code spring.mail.*}, read from its sender; the
 * pool's are {@link SmtpPoolProperties}.
 *
 * <p>A connection taken from the pool is checked first ({@code NOOP}), and one a relay closed meanwhile is
 * replaced. An attempt that fails is not repeated here: the connection is dropped and the failure
 * propagates, as with Spring's sender, so the job's retry sends the same email later.
 */
@Component
class SmtpConnections implements DisposableBean {

    private final JavaMailSenderImpl settings;
    private final GenericObjectPool<Transport> pool;
    private final ScheduledThreadPoolExecutor writeTimeouts;

    SmtpConnections(JavaMailSenderImpl settings, SmtpPoolProperties properties) {
        this.settings = settings;
        // With mail.smtp.writetimeout, Angus Mail starts a timer thread for each connection it opens
        // unless it is given one to share
        writeTimeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "smtp-write-timeout");
            thread.setDaemon(true);
            return thread;
        });
        writeTimeouts.setRemoveOnCancelPolicy(true);
        Properties mailProperties = settings.getJavaMailProperties();
        mailProperties.put("mail." + protocol() + ".executor.writetimeout", writeTimeouts);
        settings.setJavaMailProperties(mailProperties);

        GenericObjectPoolConfig<Transport> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(properties.poolSize());
        config.setMaxIdle(properties.poolSize());
        config.setMaxWait(properties.maxWait());
        config.setTestOnBorrow(true);
        config.setMinEvictableIdleDuration(properties.idleTimeout());
        config.setNumTestsPerEvictionRun(properties.poolSize());
        config.setTimeBetweenEvictionRuns(properties.idleTimeout().dividedBy(2));
        config.setJmxEnabled(false);
        pool = new GenericObjectPool<>(new Connector(), config);
    }

    MimeMessage createMessage() {
        return settings.createMimeMessage();
    }

    /** Sends the message once over a pooled connection; any failure propagates as Spring's sender reports it. */
    void send(MimeMessage message) throws MailException {
        Address[] recipients;
        try {
            // As JavaMailSenderImpl prepares a message: a sent date, the headers updated, our Message-ID kept
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            String messageId = message.getMessageID();
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            recipients = message.getAllRecipients();
        } catch (MessagingException e) {
            throw new MailSendException(Map.of(message, e));
        }
        Transport connection = borrow();
        boolean sent = false;
        try {
            connection.sendMessage(message, recipients != null ? recipients : new Address[0]);
            sent = true;
        } catch (MessagingException e) {
            throw new MailSendException(Map.of(message, e));
        } finally {
            if (sent) {
                pool.returnObject(connection);
            } else {
                // A rejected message, a broken connection: either way this one is not trusted again
                invalidate(connection);
            }
        }
    }

    private Transport borrow() {
        try {
            return pool.borrowObject();
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (NoSuchElementException e) {
            // All connections busy for max-wait, or a new one failed its check
            throw new MailSendException("No SMTP connection available: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MailSendException("Mail server connection failed", e);
        }
    }

    private void invalidate(Transport connection) {
        try {
            pool.invalidateObject(connection);
        } catch (Exception e) {
            // Closing a broken connection may fail; it is out of the pool either way
        }
    }

    private String protocol() {
        return settings.getProtocol() != null ? settings.getProtocol() : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    }

    /** Idle connections are closed now; borrowed ones when their email is done. */
    @Override
    public void destroy() {
        pool.close();
        writeTimeouts.shutdown();
    }

    /** Opens connections as JavaMailSenderImpl does, checks them before reuse, closes them with QUIT. */
    private final class Connector extends BasePooledObjectFactory<Transport> {

        @Override
        public Transport create() throws MessagingException {
            String username = settings.getUsername();
            String password = settings.getPassword();
            if ("".equals(username)) {
                username = null;
                password = "".equals(password) ? null : password;
            }
            Transport transport = settings.getSession().getTransport(protocol());
            transport.connect(settings.getHost(), settings.getPort(), username, password);
            return transport;
        }

        @Override
        public PooledObject<Transport> wrap(Transport transport) {
            return new DefaultPooledObject<>(transport);
        }

        @Override
        public boolean validateObject(PooledObject<Transport> connection) {
            return connection.getObject().isConnected();
        }

        @Override
        public void destroyObject(PooledObject<Transport> connection) {
            try {
                connection.getObject().close();
            } catch (MessagingException e) {
                // The connection is gone already
            }
        }
    }
}
