import Foundation

/// The messages of an mbox file (mboxo, mboxrd and the like, as Thunderbird, mutt and Google Takeout write them):
/// each message starts after a `From ` separator line at the start of the file or after an empty line; body lines
/// written as `>From ` (or `>>From `, …) get one `>` back off. Line endings are kept as they are.
public enum Mbox {
    public static func messages(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var current: [UInt8]?
        var previousLineEmpty = true
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = min(end + 1, bytes.count)
            let line = bytes[start..<next]
            let content = line.last == UInt8(ascii: "\n") ? line.dropLast() : line[...]
            let text = content.last == UInt8(ascii: "\r") ? content.dropLast() : content
            if previousLineEmpty, text.starts(with: fromPrefix) {
                if let finished = current { messages.append(trimmingSeparatorBlank(finished)) }
                current = []
            } else if current != nil {
                current!.append(contentsOf: unescaped(line))
            }
            previousLineEmpty = text.isEmpty
            start = next
        }
        if let finished = current { messages.append(trimmingSeparatorBlank(finished)) }
        return messages.filter { !$0.isEmpty }
    }

    private static let fromPrefix = Array("From ".utf8)

    /// `>From ` → `From `, `>>From ` → `>From `: the mboxrd rule, which also undoes mboxo's single level.
    private static func unescaped(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: ">") { index += 1 }
        guard index > line.startIndex, line[index...].starts(with: fromPrefix) else { return line }
        return line.dropFirst()
    }

    /// The empty line before the next separator belongs to the file's format, not to the message.
    private static func trimmingSeparatorBlank(_ message: [UInt8]) -> [UInt8] {
        if message.suffix(4).elementsEqual("\r\n\r\n".utf8) { return Array(message.dropLast(2)) }
        if message.suffix(2).elementsEqual("\n\n".utf8) { return Array(message.dropLast()) }
        return message
    }
}
