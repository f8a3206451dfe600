import CRMCore
import Fluent
import Vapor

/// A few hundred generated customers with names and numbers as they are written in Lithuania, South Africa,
/// China and Taiwan, Spain and Tamil Nadu, so lists, search and caller lookup have something to work on.
enum DemoDirectory {
    struct Region: Sendable {
        let country: String
        let currency: String
        let language: String
        let companies: @Sendable (Int) -> String
        let person: @Sendable (Int) -> (given: String, family: String, display: String)
        let mobile: @Sendable (Int) -> String
        let office: @Sendable (Int) -> String
        let titles: [String]
        let departments: [String]
    }

    @Sendable static func pick<T>(_ items: [T], _ index: Int) -> T { items[index % items.count] }
    static func digits(_ seed: Int, _ count: Int) -> String {
        var value = UInt64(truncatingIfNeeded: seed &* 2_654_435_761 &+ 97_531)
        return String((0..<count).map { _ -> Character in
            value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Character(String((value >> 33) % 10))
        })
    }

    static let regions: [Region] = [
        Region(country: "LT", currency: "EUR", language: "lt",
               companies: { "\(pick(["Baltijos", "Nemuno", "Vilniaus", "Kauno", "Klaipėdos", "Žalgirio", "Šiaulių"], $0)) \(pick(["prekyba", "statyba", "mediena", "logistika", "baldai", "pienas"], $0 / 7)), UAB" },
               person: { index in
                   let female = index % 2 == 0
                   let given = female ? pick(["Ona", "Rūta", "Eglė", "Giedrė", "Aušra", "Inga", "Jurgita"], index / 2) : pick(["Jonas", "Mindaugas", "Tomas", "Darius", "Vytautas", "Lukas", "Žygimantas"], index / 2)
                   let family = female ? pick(["Kazlauskienė", "Petrauskienė", "Jankauskienė", "Žemaitė", "Stankevičienė", "Vasiliauskaitė"], index / 3) : pick(["Kazlauskas", "Petrauskas", "Jankauskas", "Stankevičius", "Vasiliauskas", "Čiurlionis"], index / 3)
                   return (given, family, "\(given) \(family)")
               },
               mobile: { "+370 6\(digits($0, 2)) \(digits($0 + 1, 5))" }, office: { "8 5 2\(digits($0, 2)) \(digits($0 + 7, 4))" },
               titles: ["Direktorius", "Pirkimų vadovė", "Technologas", "Buhalterė"], departments: ["Vadovybė", "Pirkimai", "Gamyba", "Finansai"]),
        Region(country: "ZA", currency: "ZAR", language: "af",
               companies: { "\(pick(["Karoo", "Kaapse", "Bosveld", "Drakensberg", "Hoëveld", "Overberg"], $0)) \(pick(["Wingerde", "Boerdery", "Vervoer", "Meubels", "Handelaars"], $0 / 6)) (Edms) Bpk" },
               person: { index in
                   let given = pick(["Thandi", "Sipho", "Pieter", "Anna", "Johan", "Lindiwe", "Bongani", "Marietjie", "Themba", "Elize"], index)
                   let family = pick(["Nkosi", "van der Merwe", "Botha", "Dlamini", "Naidoo", "Pretorius", "Mokoena", "du Plessis"], index / 2)
                   return (given, family, "\(given) \(family)")
               },
               mobile: { "+27 8\(digits($0, 1)) \(digits($0 + 2, 3)) \(digits($0 + 3, 4))" }, office: { "021 \(digits($0, 3)) \(digits($0 + 4, 4))" },
               titles: ["Bestuurder", "Aankoper", "Tegniese hoof", "Rekenmeester"], departments: ["Bestuur", "Aankope", "Produksie", "Finansies"]),
        Region(country: "CN", currency: "CNY", language: "zh-Hans",
               companies: { "\(pick(["上海", "北京", "深圳", "杭州", "台北", "高雄"], $0))\(pick(["华联", "东方", "新世纪", "长城", "永安"], $0 / 6))\(pick(["贸易", "电子", "纺织", "食品"], $0 / 3))有限公司" },
               person: { index in
                   let given = pick(["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "婷", "杰"], index)
                   let family = pick(["王", "李", "张", "刘", "陈", "杨", "黄", "林"], index / 2)
                   return (given, family, family + given)
               },
               mobile: { $0 % 3 == 0 ? "+886 9\(digits($0, 2)) \(digits($0 + 1, 3)) \(digits($0 + 2, 3))" : "+86 13\(digits($0, 1)) \(digits($0 + 1, 4)) \(digits($0 + 2, 4))" },
               office: { "+86 21 \(digits($0, 4)) \(digits($0 + 5, 4))" },
               titles: ["总经理", "采购经理", "技术主管", "财务"], departments: ["管理层", "采购部", "技术部", "财务部"]),
        Region(country: "ES", currency: "EUR", language: "es",
               companies: { "\(pick(["Conservas", "Aceites", "Vinos", "Transportes", "Cerámicas", "Muebles"], $0)) \(pick(["del Sur", "de Galicia", "Andaluces", "Ibéricos", "del Norte"], $0 / 6)), S.L." },
               person: { index in
                   let given = pick(["Lucía", "Carmen", "Javier", "Pablo", "Marta", "Alejandro", "Elena", "Sergio", "Núria", "Iñigo"], index)
                   let family = pick(["García López", "Fernández Ruiz", "Martínez Gómez", "Sánchez Díaz", "Pérez Moreno", "Muñoz Castaño"], index / 2)
                   return (given, family, "\(given) \(family)")
               },
               mobile: { "+34 6\(digits($0, 2)) \(digits($0 + 1, 3)) \(digits($0 + 2, 3))" }, office: { "91 \(digits($0, 3)) \(digits($0 + 3, 2)) \(digits($0 + 4, 2))" },
               titles: ["Directora general", "Jefe de compras", "Responsable técnico", "Contable"], departments: ["Dirección", "Compras", "Producción", "Finanzas"]),
        Region(country: "IN", currency: "INR", language: "ta",
               companies: { "\(pick(["சென்னை", "மதுரை", "கோயம்புத்தூர்", "திருச்சி", "சேலம்"], $0)) \(pick(["ஜவுளி", "அரிசி", "மின்னணு", "கட்டுமான"], $0 / 5)) நிறுவனம்" },
               person: { index in
                   let given = pick(["காவ்யா", "அருண்", "ப்ரியா", "கார்த்திக்", "மீனா", "சுரேஷ்", "லட்சுமி", "விஜய்"], index)
                   let family = pick(["சுப்பிரமணியம்", "ராஜேந்திரன்", "கிருஷ்ணன்", "முருகன்", "வேலு"], index / 2)
                   return (given, family, "\(given) \(family)")
               },
               mobile: { "+91 9\(digits($0, 4)) \(digits($0 + 1, 5))" }, office: { "044 2\(digits($0, 3)) \(digits($0 + 2, 4))" },
               titles: ["நிர்வாக இயக்குநர்", "கொள்முதல் மேலாளர்", "தொழில்நுட்ப தலைவர்", "கணக்காளர்"], departments: ["நிர்வாகம்", "கொள்முதல்", "உற்பத்தி", "நிதி"]),
    ]

    static let accountsPerRegion = 30
    static let contactsPerAccount = 2

    /// Adds the generated customers unless an earlier run did; returns how many accounts were added.
    static func load(into app: Application, owners: [User]) async throws -> Int {
        guard !owners.isEmpty else { return 0 }
        let marker = regions[0].companies(0)
        guard try await Account.query(on: app.db).filter(\.$name == marker).count() == 0 else { return 0 }
        let now = app.clock.now()
        var added = 0
        for (regionIndex, region) in regions.enumerated() {
            var seen = Set<String>()
            for index in 0..<accountsPerRegion {
                let name = region.companies(index)
                guard seen.insert(name).inserted else { continue }
                let owner = owners[(regionIndex + index) % owners.count]
                let seed = regionIndex * 1_000 + index
                let accounts = AccountStore(db: app.db, actor: owner, now: now, defaultCountry: region.country)
                let account = try await accounts.create(AccountInput(
                    name: name, kind: AccountKind.company.rawValue, industry: pick(["Retail", "Manufacturing", "Food", "Logistics", "Textiles"], seed),
                    sizeBand: pick(["11-50", "51-250", "251-1000"], seed), phones: [.init(label: "work", value: region.office(seed))],
                    currency: region.currency, tags: [pick(["prospect", "customer", "key account"], seed)]))
                let contacts = ContactStore(db: app.db, actor: owner, now: now, defaultCountry: region.country)
                for person in 0..<contactsPerAccount {
                    let personSeed = seed * 10 + person
                    let (given, family, display) = region.person(index * contactsPerAccount + person)
                    _ = try await contacts.create(ContactInput(
                        accountId: account.id, givenName: given, familyName: family, displayName: display,
                        title: pick(region.titles, person + index), department: pick(region.departments, person + index),
                        phones: [.init(label: "mobile", value: region.mobile(personSeed))],
                        emails: [.init(label: "work", value: "contact\(personSeed)@\(region.country.lowercased()).example")],
                        buyingRole: pick(BuyingRole.allCases, person + index).rawValue, language: region.language))
                }
                added += 1
            }
        }
        return added
    }
}
