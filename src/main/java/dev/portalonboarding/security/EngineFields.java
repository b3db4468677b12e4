package dev.portalonboarding.security;

import java.lang.reflect.Field;

/**
 * Reads what an engine command works on, which the engine keeps in protected fields. A field that is
 * gone fails at start-up, so an engine upgrade cannot silently switch a guard off.
 */
final class EngineFields {

    private EngineFields() {
    }

    static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("The engine changed: " + type.getSimpleName() + " has no " + name, e);
        }
    }

    static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
