import CRMCore
import Fluent
import Vapor

/// The service desk: complaints, questions, service requests, suggestions and praise as cases, routed to the
/// department that can act, with first-response and resolution targets counted in working time.
enum ServiceArea: Area {
    static let migrations: [any Migration] = [CreateServiceDesk(), IndexCasesByCustomerTime()]

    static var apiOperations: [APIOperation] { CasesAPIController.operations + ServiceAdminAPIController.operations }

    static var schemas: [(String, JSONSchema)] {
        [("CaseInput", CaseInput.schema), ("Case", CaseDTO.schema), ("CaseEvent", CaseEventDTO.schema), ("CaseReplyInput", CaseReplyInput.schema),
         ("CaseMessageInput", CaseMessageInput.schema), ("CaseMoveInput", CaseMoveInput.schema), ("CaseAssignInput", CaseAssignInput.schema), ("CaseClassifyInput", CaseClassifyInput.schema),
         ("Department", Departments.Summary.schema), ("DepartmentInput", Departments.Input.schema), ("RoutingRule", Departments.RuleDTO.schema),
         ("RoutingRuleInput", Departments.RuleInput.schema), ("ServiceSettings", ServiceSettings.Input.schema), ("ServiceReport", ServiceReport.schema)]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let api = routes.api
        api.get("cases", use: CasesAPIController.list)
        api.post("cases", use: CasesAPIController.create)
        api.get("cases", ":caseID", use: CasesAPIController.show)
        api.get("cases", ":caseID", "events", use: CasesAPIController.events)
        api.post("cases", ":caseID", "replies", use: CasesAPIController.reply)
        api.post("cases", ":caseID", "notes", use: CasesAPIController.note)
        api.post("cases", ":caseID", "status", use: CasesAPIController.move)
        api.post("cases", ":caseID", "assign", use: CasesAPIController.assign)
        api.post("cases", ":caseID", "classify", use: CasesAPIController.classify)
        api.get("departments", use: ServiceAdminAPIController.departments)
        api.post("departments", use: ServiceAdminAPIController.createDepartment)
        api.put("departments", ":departmentID", use: ServiceAdminAPIController.updateDepartment)
        api.get("case-routing-rules", use: ServiceAdminAPIController.rules)
        api.post("case-routing-rules", use: ServiceAdminAPIController.createRule)
        api.delete("case-routing-rules", ":ruleID", use: ServiceAdminAPIController.deleteRule)
        api.get("reports", "service", use: ServiceReportPage.json)
        api.get("service-settings", use: ServiceAdminAPIController.settings)
        api.put("service-settings", use: ServiceAdminAPIController.saveSettings)

        let pages = routes.pages
        pages.get(Site.cases, use: CasePages.list)
        pages.get(Site.caseNew, use: CasePages.new)
        pages.post(Site.caseNew, use: CasePages.create)
        pages.get(Site.serviceCase, use: CasePages.show)
        pages.post(Site.caseReply, use: CasePages.reply)
        pages.post(Site.caseNote, use: CasePages.note)
        pages.post(Site.caseStatus, use: CasePages.move)
        pages.post(Site.caseAssign, use: CasePages.assign)
        pages.post(Site.caseClassify, use: CasePages.classify)
        pages.get(Site.serviceReport, use: ServiceReportPage.show)
        pages.get(Site.serviceReportCSV, use: ServiceReportPage.csv)
        pages.get(Site.serviceSettings, use: ServiceAdminPages.show)
        pages.post(Site.serviceHours, use: ServiceAdminPages.saveHours)
        pages.post(Site.departmentNew, use: ServiceAdminPages.addDepartment)
        pages.get(Site.department, use: ServiceAdminPages.editDepartment)
        pages.post(Site.department, use: ServiceAdminPages.saveDepartment)
        pages.post(Site.routingRuleNew, use: ServiceAdminPages.addRule)
        pages.post(Site.routingRuleMove, use: ServiceAdminPages.moveRule)
        pages.post(Site.routingRuleRemove, use: ServiceAdminPages.removeRule)
        routes.publicPages.get(Site.survey, use: SurveyPages.show)
        routes.publicPages.post(Site.survey, use: SurveyPages.answer)
    }
}
