package dev.portalonboarding.api;

/** 404: no such onboarding or bulk, or none this client may read (the same answer, so nothing leaks). */
class ApiNotFoundException extends RuntimeException {

    ApiNotFoundException(String message) {
        super(message);
    }
}
