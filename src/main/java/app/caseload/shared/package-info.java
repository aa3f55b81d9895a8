/** Value types every module uses: typed ids, the signed-in caller, pages, problems. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package app.caseload.shared;
