/**
 * Sessions: appointments of a client with a rendering therapist, their outcome, and the clinical
 * note with signature and supervisor co-signature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sessions")
package app.caseload.sessions;
