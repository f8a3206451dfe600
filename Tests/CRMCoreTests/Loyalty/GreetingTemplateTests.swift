import CRMCore
import Testing

/// Greeting texts in every language the CRM writes, filled in for a contact, and the language each contact reads.
@Suite struct GreetingTemplateTests {
    let values = GreetingTemplate.Values(name: "Ona Žemaitė", firstName: "Ona", company: "Žemaitijos pienas", holiday: "Christmas Day",
                                         signature: "Rūta Petraitė\nSales, Open CRM")

    @Test func everyLanguageHasAStandardTextThatFillsInItsPlaceholders() throws {
        for language in GreetingLanguage.all {
            let text = try #require(GreetingTemplate.standard(language), "\(language)")
            #expect(GreetingTemplate.unknownPlaceholders(in: text.subject + text.body).isEmpty)
            let body = GreetingTemplate.render(text.body, values)
            let subject = GreetingTemplate.render(text.subject, values)
            #expect(!body.contains("{") && !subject.contains("{"), "\(language)")
            #expect(body.contains("Rūta Petraitė\nSales, Open CRM"), "\(language): the owner's signature")
            #expect(body.contains("Žemaitijos pienas"), "\(language): the company")
            #expect(subject.contains("Ona"), "\(language): the contact's name")
        }
        #expect(GreetingTemplate.render(GreetingTemplate.standard("lt")!.subject, values) == "Sveikinimai švenčių proga, Ona!")
        #expect(GreetingTemplate.render(GreetingTemplate.standard("zh-Hant")!.subject, values) == "節日快樂，Ona Žemaitė！")
        #expect(GreetingTemplate.render(GreetingTemplate.standard("ta")!.body, values).hasPrefix("அன்புள்ள Ona Žemaitė,"))
        #expect(GreetingTemplate.render(GreetingTemplate.standard("en")!.body, values).contains("On the occasion of Christmas Day"))
    }

    @Test func aPrivateCustomerWithoutCompanyIsNamedAndTyposAreFound() {
        let person = GreetingTemplate.Values(name: "Sipho Dlamini", firstName: nil, company: nil, holiday: "Heritage Day", signature: "Anna")
        #expect(GreetingTemplate.render("{first_name} / {company} / {unknown} / {", person) == "Sipho Dlamini / Sipho Dlamini / {unknown} / {")
        #expect(GreetingTemplate.unknownPlaceholders(in: "Dear {nmae}, {name} {signatur}") == ["nmae", "signatur"])
    }

    @Test func eachContactReadsTheLanguageTheirTagAsksFor() {
        let all = Set(GreetingLanguage.all)
        #expect(GreetingLanguage.match("lt-LT", in: all) == "lt")
        #expect(GreetingLanguage.match("zh-TW", in: all) == "zh-Hant")
        #expect(GreetingLanguage.match("zh_HK", in: all) == "zh-Hant")
        #expect(GreetingLanguage.match("zh-Hant-TW", in: all) == "zh-Hant")
        #expect(GreetingLanguage.match("zh", in: all) == "zh-Hans")
        #expect(GreetingLanguage.match("zh-CN", in: all) == "zh-Hans")
        #expect(GreetingLanguage.match("TA", in: all) == "ta")
        #expect(GreetingLanguage.match("de", in: all) == nil)
        #expect(GreetingLanguage.match(nil, in: all) == nil)
        #expect(GreetingLanguage.match("af", in: ["en"]) == nil)
    }
}
