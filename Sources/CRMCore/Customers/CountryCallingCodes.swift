/// Country calling codes (ITU-T E.164 assignments) and national trunk prefixes,
/// enough to turn a number written the local way into its international form.
public enum CountryCallingCodes {
    /// Calling code by ISO 3166 alpha-2 country.
    public static let byCountry: [String: String] = [
        "US": "1", "CA": "1", "PR": "1", "JM": "1", "TT": "1", "BS": "1", "BB": "1", "DO": "1",
        "RU": "7", "KZ": "7", "EG": "20", "ZA": "27", "GR": "30", "NL": "31", "BE": "32", "FR": "33", "ES": "34",
        "HU": "36", "IT": "39", "RO": "40", "CH": "41", "AT": "43", "GB": "44", "DK": "45", "SE": "46", "NO": "47",
        "PL": "48", "DE": "49", "PE": "51", "MX": "52", "CU": "53", "AR": "54", "BR": "55", "CL": "56", "CO": "57",
        "VE": "58", "MY": "60", "AU": "61", "ID": "62", "PH": "63", "NZ": "64", "SG": "65", "TH": "66", "JP": "81",
        "KR": "82", "VN": "84", "CN": "86", "TR": "90", "IN": "91", "PK": "92", "AF": "93", "LK": "94", "MM": "95",
        "IR": "98", "MA": "212", "DZ": "213", "TN": "216", "LY": "218", "SN": "221", "GH": "233", "NG": "234",
        "ET": "251", "KE": "254", "TZ": "255", "UG": "256", "ZM": "260", "ZW": "263", "NA": "264", "MW": "265",
        "LS": "266", "BW": "267", "SZ": "268", "MZ": "258", "AO": "244", "PT": "351", "LU": "352", "IE": "353",
        "IS": "354", "AL": "355", "MT": "356", "CY": "357", "FI": "358", "BG": "359", "LT": "370", "LV": "371",
        "EE": "372", "MD": "373", "AM": "374", "BY": "375", "UA": "380", "RS": "381", "ME": "382", "HR": "385",
        "SI": "386", "BA": "387", "MK": "389", "CZ": "420", "SK": "421", "LI": "423", "BZ": "501", "GT": "502",
        "SV": "503", "HN": "504", "NI": "505", "CR": "506", "PA": "507", "BO": "591", "EC": "593", "PY": "595",
        "UY": "598", "HK": "852", "MO": "853", "KH": "855", "LA": "856", "BD": "880", "TW": "886", "MV": "960",
        "LB": "961", "JO": "962", "SY": "963", "IQ": "964", "KW": "965", "SA": "966", "YE": "967", "OM": "968",
        "PS": "970", "AE": "971", "IL": "972", "BH": "973", "QA": "974", "NP": "977", "UZ": "998", "GE": "995",
        "AZ": "994", "KG": "996", "TJ": "992", "TM": "993", "MN": "976",
    ]

    /// Every assigned code, including those of countries not listed above, to reject numbers no network routes.
    static let assigned: Set<String> = Set(byCountry.values).union([
        "211", "220", "222", "223", "224", "225", "226", "227", "228", "229", "230", "231", "232", "235", "236",
        "237", "238", "239", "240", "241", "242", "243", "245", "246", "247", "248", "249", "250", "252", "253",
        "257", "261", "262", "269", "290", "291", "297", "298", "299", "350", "376", "377", "378", "379", "383",
        "500", "508", "509", "590", "592", "594", "596", "597", "599", "670", "672", "673", "674", "675", "676",
        "677", "678", "679", "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692",
        "800", "808", "850", "870", "878", "881", "882", "883", "888", "979", "975",
    ])

    /// The prefix dialled before a national number inside the country, dropped in the international form.
    /// Lithuania moved from 8 to 0 in 2025; both are still written.
    static func trunkPrefixes(for country: String) -> [String] {
        switch country {
        case "US", "CA", "PR", "JM", "TT", "BS", "BB", "DO", "ES", "IT", "PT", "GR", "NO", "DK", "IS", "LU", "MT",
             "CY", "SG", "HK", "MO", "QA", "KW", "BH", "OM", "PA", "CR", "GT", "SV", "HN", "NI", "BZ", "UY", "EE", "LV":
            return []
        case "LT": return ["8", "0"]
        case "RU", "KZ", "BY": return ["8"]
        case "HU": return ["06"]
        case "MX": return ["01", "1"]
        case "CO": return ["0"]
        default: return ["0"]
        }
    }

    /// The longest known code at the start of international digits.
    static func code(startingDigits digits: Substring) -> String? {
        for length in 1...3 where digits.count > length {
            let candidate = String(digits.prefix(length))
            if assigned.contains(candidate) { return candidate }
        }
        return nil
    }
}
