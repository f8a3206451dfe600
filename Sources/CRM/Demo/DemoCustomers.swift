import CRMCore
import Fluent
import Vapor

/// Demo customers from the seed documents' five languages, each with people, numbers and competitor knowledge.
enum DemoCustomers {
    struct Person {
        let given: String
        let family: String
        let title: String
        let department: String
        let role: BuyingRole
        let phone: String
        let email: String
        let language: String
        var profile = PersonalProfileValue()
    }

    struct Customer {
        let ownerEmail: String
        let account: AccountInput
        let people: [Person]
        let competitor: CompetitorInput?
    }

    static let customers: [Customer] = [
        Customer(ownerEmail: "mia.manager@example.com",
                 account: AccountInput(name: "Žemaitijos pienas, AB", kind: "company", industry: "Dairy", sizeBand: "251-1000",
                                       website: "zpienas.example.lt",
                                       addresses: [AddressValue(kind: "office", street: "Sedos g. 35", city: "Telšiai", postalCode: "87101", country: "LT")],
                                       phones: [.init(label: "work", value: "+370 444 22201")], emails: [.init(label: "work", value: "info@zpienas.example.lt")],
                                       businessNotes: "Buys packaging every quarter; expanding cheese exports.", annualPurchaseVolumeMinor: 48_000_000,
                                       typicalPriceMinor: 1_250, currency: "EUR", salesGoals: "Grow exports to Scandinavia by 20 %",
                                       productUsage: "Our film on two cheese lines", tags: ["dairy", "key account"]),
                 people: [
                    Person(given: "Ona", family: "Žemaitė", title: "Pirkimų vadovė", department: "Pirkimai", role: .decisionMaker,
                           phone: "+370 612 34567", email: "ona.zemaite@zpienas.example.lt", language: "lt",
                           profile: PersonalProfileValue(birthday: "1979-04-12", homeTown: "Plungė", school: "Kauno technologijos universitetas",
                                                         sports: "Krepšinis", hobbies: "Sodininkystė")),
                    Person(given: "Jonas", family: "Čiurlionis", title: "Technologas", department: "Gamyba", role: .technical,
                           phone: "+370 698 76543", email: "jonas.ciurlionis@zpienas.example.lt", language: "lt"),
                 ],
                 competitor: CompetitorInput(competitor: "BalticPack", product: "PE barrier film", satisfaction: 3, competitorRep: "Tomas K.",
                                             repRelationship: "Old school friend of the technologist", notes: "Price is their strength", learnedOn: "2026-09-14")),
        Customer(ownerEmail: "sipho.sales@example.com",
                 account: AccountInput(name: "Karoo Boere-Koöperasie Bpk.", kind: "company", industry: "Agriculture", sizeBand: "51-250",
                                       addresses: [AddressValue(kind: "office", street: "Kerkstraat 12", city: "Graaff-Reinet", postalCode: "6280", country: "ZA")],
                                       phones: [.init(label: "work", value: "+27 49 892 1234")], currency: "ZAR", tags: ["co-op"]),
                 people: [
                    Person(given: "Pieter", family: "van der Merwe", title: "Bestuurder", department: "Bestuur", role: .decisionMaker,
                           phone: "+27 82 555 0101", email: "pieter@karoo.example.co.za", language: "af"),
                    Person(given: "Thandi", family: "Nkosi", title: "Aankoper", department: "Aankope", role: .purchaser,
                           phone: "+27 83 555 0202", email: "thandi@karoo.example.co.za", language: "af"),
                 ],
                 competitor: nil),
        Customer(ownerEmail: "li.sales@example.com",
                 account: AccountInput(name: "北京华联商贸有限公司", kind: "company", industry: "Retail", sizeBand: "1000+",
                                       addresses: [AddressValue(kind: "office", street: "朝阳区建国路 88 号", city: "北京", postalCode: "100022", country: "CN")],
                                       phones: [.init(label: "work", value: "+86 10 6500 1234")], currency: "CNY", tags: ["retail", "key account"]),
                 people: [
                    Person(given: "娜", family: "李", title: "采购经理", department: "采购部", role: .decisionMaker,
                           phone: "+86 138 0013 8000", email: "li.na@hualian.example.cn", language: "zh-Hans",
                           profile: PersonalProfileValue(homeTown: "杭州", hobbies: "书法")),
                 ],
                 competitor: CompetitorInput(competitor: "华东包装", product: "定制纸箱", satisfaction: 4, learnedOn: "2026-10-02")),
        Customer(ownerEmail: "lucia.service@example.com",
                 account: AccountInput(name: "Compañía Pesquera del Sur, S.L.", kind: "company", industry: "Fishing",
                                       addresses: [AddressValue(kind: "office", street: "Muelle Pesquero s/n", city: "Vigo", postalCode: "36202", country: "ES")],
                                       phones: [.init(label: "work", value: "+34 986 123 456")], currency: "EUR", tags: ["export"]),
                 people: [
                    Person(given: "Lucía", family: "Fernández", title: "Directora de compras", department: "Compras", role: .decisionMaker,
                           phone: "+34 612 345 678", email: "lucia.fernandez@pesquera.example.es", language: "es"),
                 ],
                 competitor: nil),
        Customer(ownerEmail: "kavya.service@example.com",
                 account: AccountInput(name: "தமிழ்நாடு ஜவுளி நிறுவனம்", kind: "company", industry: "Textiles",
                                       addresses: [AddressValue(kind: "office", street: "அண்ணா சாலை 100", city: "சென்னை", postalCode: "600002", country: "IN")],
                                       phones: [.init(label: "work", value: "+91 44 2345 6789")], currency: "INR", tags: ["textiles"]),
                 people: [
                    Person(given: "காவ்யா", family: "சுப்பிரமணியம்", title: "கொள்முதல் மேலாளர்", department: "கொள்முதல்", role: .decisionMaker,
                           phone: "+91 98400 12345", email: "kavya@javuli.example.in", language: "ta"),
                 ],
                 competitor: nil),
    ]

    /// Adds the customers that are missing, by account name; returns how many were added.
    static func load(into app: Application) async throws -> Int {
        var added = 0
        for customer in customers {
            guard let name = customer.account.name,
                  try await Account.query(on: app.db).filter(\.$name == name).count() == 0,
                  let owner = try await User.query(on: app.db).filter(\.$email == customer.ownerEmail).first()
            else { continue }
            let now = app.clock.now()
            let accounts = AccountStore(db: app.db, actor: owner, now: now, defaultCountry: app.config.defaultCountry)
            let account = try await accounts.create(customer.account)
            let contacts = ContactStore(db: app.db, actor: owner, now: now, defaultCountry: app.config.defaultCountry)
            for person in customer.people {
                _ = try await contacts.create(ContactInput(
                    accountId: account.id, givenName: person.given, familyName: person.family, title: person.title,
                    department: person.department, phones: [.init(label: "mobile", value: person.phone)],
                    emails: [.init(label: "work", value: person.email)], preferredChannel: PreferredChannel.phone.rawValue,
                    buyingRole: person.role.rawValue, profile: person.profile, language: person.language, mayMarket: true))
            }
            if let competitor = customer.competitor {
                _ = try await CompetitorStore(db: app.db, actor: owner, now: now).create(on: account, competitor)
            }
            try await DemoDeals.add(for: account, currency: customer.account.currency ?? app.config.baseCurrency, owner: owner, app: app)
            added += 1
        }
        return added
    }
}
