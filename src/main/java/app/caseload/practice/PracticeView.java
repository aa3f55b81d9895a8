package app.caseload.practice;

import app.caseload.shared.PracticeId;

public record PracticeView(PracticeId id, String name, boolean supervisionEnabled, MfaRequired mfaRequired) {}
