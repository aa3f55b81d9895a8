/**
 * FHIR R4: a read-only view of the practice ({@code /fhir/r4}) for other systems — members as
 * Practitioner and PractitionerRole, clients as Patient and CareTeam, sessions as Encounter — with
 * exactly the visibility of the JSON API, decided by {@link app.caseload.clients.ClientVisibility}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "FHIR")
package app.caseload.fhir;
