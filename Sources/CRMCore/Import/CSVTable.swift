import Foundation

/// A CSV file as RFC 4180 writes it (quoted fields with doubled quotes, commas and line breaks inside quotes,
/// CRLF or LF, an optional UTF-8 byte-order mark), read into named columns with the line each row starts on.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// The file's line number where the row starts (the header is line 1).
        public let line: Int
        public let values: [String: String]

        /// The trimmed value of a column; nil when absent or empty.
        public subscript(_ column: String) -> String? {
            guard let value = values[column]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
    }

    public let columns: [String]
    public let rows: [Row]

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    public init(_ text: String) throws(Problem) {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            atFieldStart = true
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
            } else {
                switch scalar {
                case "\"" where atFieldStart:
                    quoted = true
                    atFieldStart = false
                case "\"":
                    throw Problem(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                case ",":
                    fields.append(field)
                    field = ""
                    atFieldStart = true
                case "\r" where index + 1 < scalars.count && scalars[index + 1] == "\n":
                    break
                case "\n", "\r":
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.unicodeScalars.append(scalar)
                    atFieldStart = false
                }
            }
            index += 1
        }
        if quoted { throw Problem(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let header = records.first else { throw Problem(line: 1, message: "the file is empty; the first line must name the columns") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw Problem(line: 1, message: "the column \(duplicate) appears twice")
        }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw Problem(line: record.line, message: "has \(record.fields.count) fields; the header names \(names.count)")
            }
            rows.append(Row(line: record.line, values: Dictionary(uniqueKeysWithValues: zip(names, record.fields))))
        }
        columns = names
        self.rows = rows
    }
}
