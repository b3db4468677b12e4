package dev.portalonboarding.security;

import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import dev.portalonboarding.onboarding.RejectedRequestException;

/**
 * Registered before the engine's own serializers, so the engine asks it first about every
 * {@code Object} value it is to store. It refuses one that arrives already serialized, with a
 * caller-chosen class name: that is how the engine API hands over a client's {@code "type":"Object"}
 * variable. Objects the service's own code stores are Java values; it leaves them to the others.
 */
class ClientObjectValueGuard implements TypedValueSerializer<ObjectValue> {

    static final String REFUSAL = "Variables of type Object are not accepted.";

    @Override
    public boolean canHandle(TypedValue value) {
        if (value instanceof ObjectValue object && !object.isDeserialized()) {
            throw new RejectedRequestException(REFUSAL);
        }
        return false;
    }

    @Override
    public String getName() {
        return "client-object-refused";
    }

    @Override
    public ValueType getType() {
        return ValueType.OBJECT;
    }

    @Override
    public void writeValue(ObjectValue value, ValueFields valueFields) {
        throw new UnsupportedOperationException("handles no value");
    }

    @Override
    public ObjectValue readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
        throw new UnsupportedOperationException("handles no value");
    }

    @Override
    public ObjectValue convertToTypedValue(UntypedValueImpl untypedValue) {
        throw new UnsupportedOperationException("handles no value");
    }

    @Override
    public String getSerializationDataformat() {
        return null;
    }

    @Override
    public boolean isMutableValue(ObjectValue typedValue) {
        return false;
    }
}
