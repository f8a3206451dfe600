import Foundation

import Testing
@testable import CRMCore

@Suite struct SearchTextTests {
    @Test(arguments: [
        ("Žemaitė", "zemaite"), ("ČIURLIONIS", "ciurlionis"), ("Ąžuolas Šėrys", "azuolas serys"),
        ("Lucía Fernández", "lucia fernandez"), ("Müller-Lüdenscheidt", "muller-ludenscheidt"),
        ("Straße", "strasse"), ("Łukasz", "lukasz"), ("Søren", "soren"),
        ("  van   der Merwe ", "van der merwe"),
    ])
    func latinNamesLoseCaseAndAccents(name: String, folded: String) {
        #expect(SearchText.fold(name) == folded)
    }

    @Test func otherScriptsKeepTheirMarks() {
        #expect(SearchText.fold("காவ்யா") == "காவ்யா")
        #expect(SearchText.fold("李娜") == "李娜")
        #expect(SearchText.fold("Ὀδυσσεύς") == SearchText.fold("ὀδυσσεύς"))
    }

    @Test func namesGiveWholeAndWordTerms() {
        #expect(SearchText.nameTerms("Ona Žemaitė") == ["ona", "ona zemaite", "zemaite"])
        #expect(SearchText.nameTerms("   ") == [])
    }

    @Test func phoneLikeQueriesAreMatchedOnDigits() {
        #expect(SearchText.phoneDigits(ofQuery: "+370 (612) 345-67") == "37061234567")
        #expect(SearchText.phoneDigits(ofQuery: "612") == "612")
        #expect(SearchText.phoneDigits(ofQuery: "12") == nil)
        #expect(SearchText.phoneDigits(ofQuery: "Unit 612") == nil)
    }

    @Test func indexEntriesKeepNamesWholeAndByWordAndNumbersWhole() {
        let entries = SearchText.entries(name: "Ona Žemaitė", otherNames: ["Ona", "Žemaitė"],
                                         values: ["37061234567", "ona@pienas.lt"])
        #expect(entries == [
            SearchEntry("37061234567", .whole), SearchEntry("ona", .word),
            SearchEntry("ona zemaite", .whole), SearchEntry("ona@pienas.lt", .whole), SearchEntry("zemaite", .word),
        ])
    }

    @Test func spacelessScriptsAlsoIndexTheEndsOfWords() {
        #expect(SearchText.entries(name: "王小明") == [
            SearchEntry("小明", .tail), SearchEntry("明", .tail), SearchEntry("王小明", .whole),
        ])
        #expect(SearchText.entries(name: "李娜 Li").map(\.term) == ["li", "娜", "李娜", "李娜 li"])
        #expect(SearchText.entries(name: "காவ்யா").map(\.kind) == [.whole], "Tamil is written with spaces")
        let long = String(repeating: "华", count: 40)
        #expect(SearchText.entries(name: long).count == 1 + 16)
    }

    @Test func aPrefixRangeHoldsEveryLongerTermAndNothingElse() {
        let upper = SearchText.upperBound(ofPrefix: "mar")
        for term in ["mar", "maria", "mar\u{10FFFE}", "mar😀"] { #expect(term >= "mar" && Array(term.utf8).lexicographicallyPrecedes(Array(upper.utf8))) }
        for term in ["mas", "ma", "mb"] { #expect(!(term >= "mar" && Array(term.utf8).lexicographicallyPrecedes(Array(upper.utf8)))) }
    }

    @Test func likeWildcardsAreEscaped() {
        #expect(SearchText.likeEscaped("50%_off\\") == "50\\%\\_off\\\\")
    }
}

@Suite struct JSONMergePatchTests {
    @Test func membersAreReplacedRemovedAndMergedRecursively() {
        let target: [String: Any] = ["name": "Ona", "title": "CEO", "profile": ["hobbies": "chess", "school": "VU"], "tags": ["a", "b"]]
        let patch: [String: Any] = ["title": NSNull(), "profile": ["school": "KTU"], "tags": ["c"], "language": "lt"]

        let result = JSONMergePatch.apply(patch, to: target) as! [String: Any]

        #expect(result["name"] as? String == "Ona")
        #expect(result["title"] == nil)
        #expect(result["profile"] as? [String: String] == ["hobbies": "chess", "school": "KTU"])
        #expect(result["tags"] as? [String] == ["c"])
        #expect(result["language"] as? String == "lt")
    }

    @Test func aNonObjectPatchReplacesTheTarget() {
        #expect(JSONMergePatch.apply("x", to: ["a": 1]) as? String == "x")
    }
}
