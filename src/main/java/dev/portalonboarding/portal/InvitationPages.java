package dev.portalonboarding.portal;

import static dev.portalonboarding.onboarding.OnboardingProcess.Variables.NEW_INVITATION_REQUESTED;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.portalonboarding.OnboardingProperties;
import dev.portalonboarding.contact.Contact;
import dev.portalonboarding.contact.ContactRepository;
import dev.portalonboarding.contact.EmailMasking;
import dev.portalonboarding.identity.IdentityProperties;
import dev.portalonboarding.invitation.Invitation;
import dev.portalonboarding.invitation.InvitationCode;
import dev.portalonboarding.invitation.InvitationEventType;
import dev.portalonboarding.invitation.InvitationEvents;
import dev.portalonboarding.onboarding.InvitationRedemption;
import dev.portalonboarding.invitation.InvitationStatus;
import dev.portalonboarding.onboarding.OnboardingProcess;

/**
 * The pages behind the emailed link. GET and HEAD only read (mail scanners fetch links and run their
 * scripts); accepting takes a real click, a POST with CSRF token. Unknown, malformed, expired, revoked
 * and used codes all get the same neutral page.
 */
@Controller
@RequestMapping("/invitations")
public class InvitationPages {

    static final String SIGNED_IN_AS = InvitationPages.class.getName() + ".signedInAs";

    private final InvitationRedemption redemption;
    private final ContactRepository contacts;
    private final InvitationEvents events;
    private final InvitationGuessLimiter guessLimiter;
    private final TaskService taskService;
    private final OnboardingProperties properties;
    private final IdentityProperties identity;
    private final Clock clock;

    public InvitationPages(InvitationRedemption redemption, ContactRepository contacts, InvitationEvents events,
            InvitationGuessLimiter guessLimiter, TaskService taskService, OnboardingProperties properties,
            IdentityProperties identity, Clock clock) {
        this.redemption = redemption;
        this.contacts = contacts;
        this.events = events;
        this.guessLimiter = guessLimiter;
        this.taskService = taskService;
        this.properties = properties;
        this.identity = identity;
        this.clock = clock;
    }

    @GetMapping("/{code}")
    String invitation(@PathVariable String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<Invitation> invitation = redeemable(code, request);
        if (invitation.isEmpty()) {
            return unavailable(code, request, response, model);
        }
        Contact contact = contacts.findById(invitation.get().contactId()).orElseThrow();
        events.record(invitation.get().id(), InvitationEventType.OPENED, InvitationEvents.ANONYMOUS,
                request.getRemoteAddr(), request.getHeader("User-Agent"), request.getMethod());
        PageLocaleResolver.use(request, contact.language());
        model.addAttribute("organisation", properties.organisationName());
        model.addAttribute("maskedEmail", EmailMasking.mask(contact.email()));
        model.addAttribute("expiresAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(contact.locale()).withZone(properties.mail().timeZone())
                .format(invitation.get().expiresAt()));
        model.addAttribute("code", code);
        return "portal/invitation";
    }

    @PostMapping("/accept")
    String accept(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Invitation> invitation = redeemable(code, request);
        if (invitation.isEmpty()) {
            return unavailable(code, request, response, model);
        }
        Contact contact = contacts.findById(invitation.get().contactId()).orElseThrow();
        events.record(invitation.get().id(), InvitationEventType.ACCEPT_CLICKED, InvitationEvents.ANONYMOUS,
                request.getRemoteAddr(), request.getHeader("User-Agent"), null);
        new PendingInvitation(invitation.get().id(), contact.email(), contact.language(), false).store(request);
        return "redirect:/oauth2/authorization/" + identity.registrationId();
    }

    /** After a mismatch: sign in again, asking the provider to offer another account. */
    @PostMapping("/another-account")
    String anotherAccount(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<PendingInvitation> pending = PendingInvitation.of(request);
        if (pending.isEmpty()) {
            return unavailable(null, request, response, model);
        }
        pending.get().withAnotherAccount().store(request);
        return "redirect:/oauth2/authorization/" + identity.registrationId();
    }

    @GetMapping("/mismatch")
    String mismatch(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<PendingInvitation> pending = PendingInvitation.of(request);
        if (pending.isEmpty()) {
            return unavailable(null, request, response, model);
        }
        PageLocaleResolver.use(request, pending.get().language());
        model.addAttribute("signedInAs", request.getSession().getAttribute(SIGNED_IN_AS));
        model.addAttribute("invitedEmail", EmailMasking.mask(pending.get().invitedEmail()));
        return "portal/mismatch";
    }

    @GetMapping("/already-accepted")
    String alreadyAccepted() {
        return "portal/already-accepted";
    }

    @GetMapping("/sign-in-failed")
    String signInFailed(Model model, HttpServletRequest request) {
        model.addAttribute("pending", PendingInvitation.of(request).isPresent());
        return "portal/sign-in-failed";
    }

    @GetMapping("/unavailable")
    String unavailable(HttpServletRequest request, HttpServletResponse response, Model model) {
        return unavailable(null, request, response, model);
    }

    /**
     * "Request a new invitation" from the neutral page. For an expired invitation whose onboarding waits
     * at the staff review, the request is noted on that task; every caller gets the same answer.
     */
    @PostMapping("/request-new")
    @Transactional
    String requestNew(@RequestParam(required = false) String code, HttpServletRequest request,
            HttpServletResponse response) {
        if (guessLimiter.isBlocked(request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "portal/too-many-requests";
        }
        Optional<Invitation> expired = redemption.find(code).filter(i -> i.status() == InvitationStatus.EXPIRED);
        if (expired.isEmpty()) {
            guessLimiter.recordFailure(request.getRemoteAddr());
        }
        expired.ifPresent(invitation -> reviewTask(invitation).ifPresent(task -> {
            taskService.setVariableLocal(task.getId(), NEW_INVITATION_REQUESTED, true);
            taskService.createComment(task.getId(), invitation.processInstanceId(),
                    "The invited user asked for a new invitation.");
            events.record(invitation.id(), InvitationEventType.NEW_INVITATION_REQUESTED, InvitationEvents.ANONYMOUS,
                    request.getRemoteAddr(), request.getHeader("User-Agent"), null);
        }));
        return "portal/request-received";
    }

    private Optional<Task> reviewTask(Invitation invitation) {
        return Optional.ofNullable(taskService.createTaskQuery()
                .processInstanceId(invitation.processInstanceId())
                .taskDefinitionKey(OnboardingProcess.Elements.REVIEW_EXPIRED_INVITATION)
                .singleResult());
    }

    /** The invitation behind a code if it can still be accepted; failed lookups count as guesses. */
    private Optional<Invitation> redeemable(String code, HttpServletRequest request) {
        if (guessLimiter.isBlocked(request.getRemoteAddr())) {
            return Optional.empty();
        }
        Optional<Invitation> invitation = redemption.find(code)
                .filter(i -> i.status() == InvitationStatus.SENT && i.expiresAt().isAfter(clock.instant()));
        if (invitation.isEmpty()) {
            guessLimiter.recordFailure(request.getRemoteAddr());
        }
        return invitation;
    }

    private String unavailable(String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (guessLimiter.isBlocked(request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "portal/too-many-requests";
        }
        response.setStatus(HttpStatus.NOT_FOUND.value());
        // Echo only what could be a code, for the "request a new invitation" form
        model.addAttribute("code", InvitationCode.isWellFormed(code) ? code : null);
        return "portal/unavailable";
    }
}
