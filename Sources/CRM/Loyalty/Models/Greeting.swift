import Fluent
import Foundation

/// Greetings for one holiday: its texts in each language, who it is for (the contacts of accounts in a country, or
/// everyone), and when it goes out. A draft is prepared and previewed; once scheduled, the `loyalty.greetings` job
/// sends it on its day.
final class Greeting: Model, @unchecked Sendable {
    static let schema = "greetings"

    @ID(key: .id) var id: UUID?
    @Field(key: "holiday_day") var holidayDay: String
    @Field(key: "holiday_name") var holidayName: String
    /// The calendar it came from (`LT`, or an imported calendar's name).
    @Field(key: "calendar") var calendar: String
    /// Contacts of accounts with an address in this country (`LT`); nil: every contact.
    @OptionalField(key: "country") var country: String?
    /// `YYYY-MM-DD`: sent from this day (the CRM's zone), usually the holiday or a day before.
    @Field(key: "send_on") var sendOn: String
    /// The text for contacts whose language has none.
    @Field(key: "fallback_language") var fallbackLanguage: String
    /// `draft`, `scheduled`, `sending`, `done`.
    @Field(key: "status") var status: String
    /// Who prepared it; greetings go out from each contact's owner.
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}

/// A greeting's subject and body in one language, with placeholders.
final class GreetingText: Model, @unchecked Sendable {
    static let schema = "greeting_texts"

    @ID(key: .id) var id: UUID?
    @Field(key: "greeting_id") var greetingID: UUID
    @Field(key: "language") var language: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String

    init() {}
}

/// What a greeting did for one contact: sent (with the email logged) or skipped and why. At most one greeting per
/// contact and occasion is `sent`, which the database holds however often or concurrently the run is repeated.
final class GreetingSend: Model, @unchecked Sendable {
    static let schema = "greeting_sends"

    @ID(key: .id) var id: UUID?
    @Field(key: "greeting_id") var greetingID: UUID
    /// `Holiday.occasion`: the day and the folded name.
    @Field(key: "occasion") var occasion: String
    @Field(key: "contact_id") var contactID: UUID
    /// `sent` or `skipped`.
    @Field(key: "status") var status: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "language") var language: String?
    @OptionalField(key: "interaction_id") var interactionID: UUID?
    @Field(key: "at") var at: Date

    init() {}
}

/// A holiday read from an imported `.ics` calendar.
final class ImportedHoliday: Model, @unchecked Sendable {
    static let schema = "imported_holidays"

    @ID(key: .id) var id: UUID?
    @Field(key: "calendar") var calendar: String
    @Field(key: "day") var day: String
    @Field(key: "name") var name: String
    @Field(key: "imported_at") var importedAt: Date

    init() {}
}
