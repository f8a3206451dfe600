import CRMCore
import Fluent
import Foundation

/// One entry of the search index: a term folded by `SearchText`, of an account or contact.
/// Search matches terms, then groups them by subject; archived subjects keep their entries but are skipped.
/// The integer key is what the substring index (SQLite FTS5) refers to, so it must never change.
final class SearchTerm: Model, @unchecked Sendable {
    static let schema = "search_entries"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "term") var term: String
    /// `SearchEntry.Kind`: whole values also go into the substring index; words and tails do not.
    @Field(key: "part") var part: Int
    /// The subject's folded name, to order results of equal rank.
    @Field(key: "sort_name") var sortName: String
    @Field(key: "is_archived") var isArchived: Bool

    init() {}

    init(subject: CustomerSubject, entry: SearchEntry, sortName: String, isArchived: Bool) {
        self.subjectType = subject.type
        self.subjectID = subject.id
        self.term = entry.term
        self.part = entry.kind.rawValue
        self.sortName = sortName
        self.isArchived = isArchived
    }
}

/// A tag of an account or contact, in its own table so that "all with tag X" uses an index.
final class CustomerTag: Model, @unchecked Sendable {
    static let schema = "customer_tags"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "tag") var tag: String

    init() {}

    init(subjectType: String, subjectID: UUID, tag: String) {
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.tag = tag
    }
}
