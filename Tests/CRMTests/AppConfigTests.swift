import CRMCore
import Testing
@testable import CRM

@Suite struct AppConfigTests {
    @Test func defaultsNeedNoEnvironment() throws {
        let config = try AppConfig.fromEnvironment([:])
        #expect(config.database == .sqliteFile(path: "crm.sqlite"))
        #expect(config.bcryptCost == 12)
        #expect(config.secureCookies == false)
        #expect(config.defaultCountry == "US")
        #expect(try AppConfig.fromEnvironment(["CRM_DEFAULT_COUNTRY": "lt"]).defaultCountry == "LT")
        #expect(config.timeZone.secondsFromGMT() == 0 && config.runsJobs)
        #expect(try AppConfig.fromEnvironment(["CRM_TIME_ZONE": "Europe/Vilnius"]).timeZone.identifier == "Europe/Vilnius")
        #expect(try AppConfig.fromEnvironment(["CRM_JOBS": "off"]).runsJobs == false)
    }

    @Test func badValuesStopTheStartWithOneLine() {
        for environment in [["DATABASE_URL": "mysql://x/y"], ["CRM_BCRYPT_COST": "99"], ["CRM_SECURE_COOKIES": "maybe"], ["CRM_DEFAULT_COUNTRY": "Lithuania"], ["CRM_BASE_CURRENCY": "euro"], ["CRM_STALE_DAYS": "0"],
                            ["CRM_TIME_ZONE": "Mars/Olympus"], ["CRM_JOBS": "sometimes"]] {
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(environment) }
        }
    }
}
