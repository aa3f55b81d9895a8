package app.caseload.practice;

import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;

public final class PracticeEvents {

    private PracticeEvents() {}

    public record PracticeFounded(PracticeId practiceId, MemberId founder) {}

    public record PracticeSettingsChanged(
            PracticeId practiceId, String name, boolean supervisionEnabled, MemberId by) {}

    /** The practice changed whom it requires to use a second factor. */
    public record MfaRequirementChanged(PracticeId practiceId, MfaRequired from, MfaRequired to, MemberId by) {}
}
