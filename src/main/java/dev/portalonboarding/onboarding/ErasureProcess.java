package dev.portalonboarding.onboarding;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names of {@code processes/erase-contact.bpmn}: GDPR erasure, requested by staff, approved by privacy. */
public final class ErasureProcess {

    public static final String PROCESS_KEY = "erase-contact";

    /** Element ids in the erasure model. */
    public static final class Elements {
        public static final String START = "erasureRequested";
        public static final String CHECK_ERASURE_REQUEST = "checkErasureRequest";
        public static final String APPROVE_ERASURE = "approveErasure";
        public static final String ERASURE_APPROVED = "erasureApproved";
        public static final String ERASE_CONTACT_DATA = "eraseContactData";
        public static final String DELETE_IDENTITY_ACCOUNTS = "deleteIdentityAccounts";
        public static final String END_ERASED = "contactErased";
        public static final String END_REFUSED = "erasureRefused";

        private Elements() {
        }
    }

    /** Process variables of the erasure (besides {@link OnboardingProcess.Variables#EMAIL} and STARTED_BY). */
    public static final class Variables {
        /** Start form: why the data subject's data goes. */
        public static final String ERASURE_REASON = "erasureReason";
        /** Form of Approve erasure. */
        public static final String ERASURE_DECISION = "erasureDecision";
        /** Set by the approval check: the privacy officer who approved. */
        public static final String APPROVED_BY = "erasureApprovedBy";

        private Variables() {
        }
    }

    /** Values of {@link Variables#ERASURE_DECISION}. */
    public static final class Decision {
        public static final String APPROVE = "approve";
        public static final String REFUSE = "refuse";
        public static final List<String> ALL = List.of(APPROVE, REFUSE);

        private Decision() {
        }
    }

    /** Fields each user task's form submits (security.TaskFormFieldGuard). */
    public static final Map<String, Set<String>> TASK_FORM_FIELDS =
            Map.of(Elements.APPROVE_ERASURE, Set.of(Variables.ERASURE_DECISION));

    private ErasureProcess() {
    }
}
