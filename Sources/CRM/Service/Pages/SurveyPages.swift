import CRMCore
import Vapor

/// The satisfaction survey a customer opens from the link in their email: no sign-in, answered once.
enum SurveyPages {
    @Sendable static func show(_ request: Request) async throws -> Response {
        let token = request.parameters.get("surveyToken") ?? ""
        guard let survey = try await CaseSurveys.find(token: token, on: request.db) else { return try refusal(.unknown, request) }
        if survey.answeredAt != nil { return try refusal(.answered, request) }
        if survey.expiresAt <= request.now { return try refusal(.expired, request) }
        return try form(request, survey: survey, answer: CaseSurveys.Answer(), errors: [:]).response()
    }

    @Sendable static func answer(_ request: Request) async throws -> Response {
        let token = request.parameters.get("surveyToken") ?? ""
        let answer = try request.content.decode(CaseSurveys.Answer.self)
        do {
            try await CaseSurveys.answer(token: token, answer, now: request.now, on: request.db)
        } catch let refusal as CaseSurveys.Refusal {
            return try self.refusal(refusal, request)
        } catch let error as APIError where error.status == .unprocessableEntity {
            guard let survey = try await CaseSurveys.find(token: token, on: request.db) else { return try refusal(.unknown, request) }
            return try form(request, survey: survey, answer: answer, errors: error.fields).response(status: .unprocessableEntity)
        }
        return Layout.page("Thank you", PageContext(request)) {
            Node.h1 { "Thank you" }
            Node.p { "Your answer is with the team that handled your case." }
        }.response()
    }

    private static func form(_ request: Request, survey: CaseSurveys.Survey, answer: CaseSurveys.Answer, errors: [String: String]) throws -> Node {
        // Shown before any sign-in: the form starts a session for its CSRF token, as the sign-in page does.
        let context = PageContext(request, startSession: true)
        let questions: [(name: String, label: String, value: String?, required: Bool)] = [
            ("overall", "Overall, how satisfied are you?", answer.overall, true),
            ("quality", "The quality of the product", answer.quality, false),
            ("delivery", "The delivery time", answer.delivery, false),
            ("speed", "How quickly we answered", answer.speed, false),
        ]
        return Layout.page("How did we do?", context) {
            Node.h1 { "How did we do?" }
            Node.p(.class("subtitle")) { .text("Your case \(survey.reference): \(survey.subject)") }
            Node.form(.method("post"), .action(Site.survey(request.parameters.get("surveyToken") ?? "")), .class("record")) {
                context.csrfField
                for question in questions {
                    Node.fieldset {
                        Node.legend(question.label + (question.required ? "" : " (optional)"))
                        for score in 1...5 {
                            Node.label(.class("check")) {
                                Node.input(.type("radio"), .name(question.name), .value(String(score)), .when(question.value == String(score), .checked))
                                Node.text(" \(score)")
                            }
                        }
                        Node.div(.class("muted")) { "1 = very poor, 5 = excellent" }
                        if let error = errors[question.name] { Node.p(.class("field-error")) { .text(error) } }
                    }
                }
                FormField.textarea("comment", label: "Anything you would like to tell us (optional)", value: answer.comment, errors: errors, rows: 5)
                Node.button(.type("submit")) { "Send" }
            }
        }
    }

    private static func refusal(_ refusal: CaseSurveys.Refusal, _ request: Request) throws -> Response {
        let (status, title, text): (HTTPResponseStatus, String, String) = switch refusal {
        case .unknown: (.notFound, "Survey not found", "This survey link is not valid. Please use the link from your email as it was sent.")
        case .expired: (.gone, "Survey closed", "This survey has closed. Thank you all the same.")
        case .answered: (.conflict, "Already answered", "This survey was answered already. Thank you.")
        }
        return Layout.page(title, PageContext(request)) {
            Node.h1 { .text(title) }
            Node.p { .text(text) }
        }.response(status: status)
    }
}
