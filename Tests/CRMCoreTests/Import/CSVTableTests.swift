import CRMCore
import Testing

@Suite struct CSVTableTests {
    @Test func quotedFieldsLineBreaksAndLineNumbers() throws {
        let text = "\u{FEFF}SKU,Name,Price\r\nW-1,\"Widget, large\",12.50\r\n\r\nW-2,\"Say \"\"hi\"\"\nsecond line\",3\nW-3,Žemaitė 王,\n"
        let table = try CSVTable(text)
        #expect(table.columns == ["sku", "name", "price"])
        #expect(table.rows.map(\.line) == [2, 4, 6])
        #expect(table.rows[0]["name"] == "Widget, large")
        #expect(table.rows[1]["name"] == "Say \"hi\"\nsecond line")
        #expect(table.rows[2]["name"] == "Žemaitė 王")
        #expect(table.rows[2]["price"] == nil, "empty is absent")
        #expect(try CSVTable("a,b\n1,2").rows.count == 1, "no final line break")
    }

    @Test func brokenFilesNameTheLine() {
        #expect(throws: CSVTable.Problem(line: 3, message: "has 1 fields; the header names 2")) { try CSVTable("a,b\n1,2\n3\n") }
        #expect(throws: CSVTable.Problem(line: 2, message: "a quoted field is not closed")) { try CSVTable("a\n\"open\n") }
        #expect(throws: CSVTable.Problem(line: 2, message: "a quote inside an unquoted field; quote the whole field and double the quote")) { try CSVTable("a\nx\"y\n") }
        #expect(throws: CSVTable.Problem(line: 1, message: "the file is empty; the first line must name the columns")) { try CSVTable("") }
        #expect(throws: CSVTable.Problem(line: 1, message: "the column a appears twice")) { try CSVTable("a,A\n1,2\n") }
    }
}
