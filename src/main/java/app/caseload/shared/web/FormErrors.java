package app.caseload.shared.web;

import app.caseload.shared.CaseloadException;
import java.util.List;
import java.util.Map;
import org.springframework.validation.BindingResult;

/**
 * Puts a module's refusal onto the form that caused it: each {@code errors[].field} the refusal
 * names becomes a field error next to that input, anything else a message above the form.
 */
public final class FormErrors {

    private FormErrors() {}

    /**
     * @param aliases maps a field name used by the service (e.g. {@code roleId}) to the form's
     *     input (e.g. {@code role}); fields the form does not have become form-level messages
     */
    public static void reject(CaseloadException refusal, BindingResult form, Map<String, String> aliases) {
        boolean placed = false;
        if (refusal.properties().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> map && map.get("field") instanceof String field) {
                    String input = aliases.getOrDefault(field, field);
                    String message = String.valueOf(map.get("message"));
                    if (hasField(form, input)) {
                        form.rejectValue(input, refusal.type(), sentence(message));
                        placed = true;
                    }
                }
            }
        }
        if (!placed) {
            form.reject(refusal.type(), refusal.getMessage());
        }
    }

    public static void reject(CaseloadException refusal, BindingResult form) {
        reject(refusal, form, Map.of());
    }

    private static boolean hasField(BindingResult form, String field) {
        try {
            return form.getFieldType(field) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Services say "must not be blank"; the page says "Must not be blank." */
    private static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "Is not valid.";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
