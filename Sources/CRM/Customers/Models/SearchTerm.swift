import Fluent
import Foundation

/// One searchable word or number of an account or contact, folded by `SearchText`.
/// Search matches terms, then groups them by subject; archived subjects keep their terms but are skipped.
final class SearchTerm: Model, @unchecked Sendable {
    static let schema = "search_terms"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "term") var term: String
    /// The subject's folded name, to order results of equal rank.
    @Field(key: "sort_name") var sortName: String
    @Field(key: "is_archived") var isArchived: Bool

    init() {}

    init(subjectType: String, subjectID: UUID, term: String, sortName: String, isArchived: Bool) {
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.term = term
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
