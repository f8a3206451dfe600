import Vapor

/// The page shown for an error outside the API, with the same message the API would give.
enum ErrorPage {
    static func response(for error: APIError, request: Request) -> Response {
        let context = PageContext(request)
        let page = Layout.page(error.status.reasonPhrase, context) {
            Node.h1 { .text(error.status.reasonPhrase) }
            Node.p { .text(error.message) }
            if !error.fields.isEmpty {
                Node.ul(.class("errors")) {
                    for (field, reason) in error.fields.sorted(by: { $0.key < $1.key }) {
                        Node.li { "\(field) \(reason)" }
                    }
                }
            }
            Node.p { Node.a(.href("/")) { "Back to the start page" } }
        }
        let response = page.response(status: error.status)
        for (name, value) in error.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
