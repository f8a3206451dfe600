#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text in any charset a mail client may declare, decoded through the system's iconv.
public enum Charset {
    /// Decodes `bytes` declared as `charset`; bytes the charset cannot read become U+FFFD rather than failing the
    /// message, and an unknown charset is read as UTF-8 (what unlabelled 8-bit mail nearly always is).
    public static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> String {
        let name = canonical(charset)
        if name == "UTF-8" || name == "US-ASCII" { return String(decoding: bytes, as: UTF8.self) }
        return convert(Array(bytes), from: name) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Labels as mail clients write them, mapped to the superset iconv should read: mail labelled GB2312 is often
    /// GBK in fact, and ISO-8859-1 is usually Windows-1252 (curly quotes in 0x80–0x9F).
    static func canonical(_ charset: String?) -> String {
        let name = (charset ?? "utf-8").trimmingQuotes().uppercased()
        switch name {
        case "", "UTF8", "UTF-8", "UNICODE-1-1-UTF-8": return "UTF-8"
        case "ASCII", "US-ASCII", "ANSI_X3.4-1968": return "US-ASCII"
        case "GB2312", "GBK", "CP936", "X-GBK", "EUC-CN", "CHINESE": return "GB18030"
        case "BIG5", "BIG-5", "X-BIG5", "CP950": return "BIG5"
        case "ISO-8859-1", "LATIN1", "ISO8859-1", "WINDOWS-1252", "CP1252": return "WINDOWS-1252"
        case "KS_C_5601-1987": return "CP949"
        default: return name
        }
    }

    private static func convert(_ input: [UInt8], from charset: String) -> String? {
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2)
        var source = input
        var offset = 0
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while offset < source.count {
            let (consumed, produced, failure) = source.withUnsafeMutableBufferPointer { sourcePointer in
                buffer.withUnsafeMutableBufferPointer { bufferPointer in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sourcePointer.baseAddress! + offset)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = sourcePointer.count - offset
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(bufferPointer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = bufferPointer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure: Int32? = result == -1 ? errno : nil
                    return (sourcePointer.count - offset - inLeft, bufferPointer.count - outLeft, failure)
                }
            }
            output.append(contentsOf: buffer[0..<produced])
            offset += consumed
            switch failure {
            case nil, E2BIG?: continue
            default:
                // An invalid or cut-off sequence: mark it and carry on after the bad byte.
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                offset += 1
            }
        }
        source.removeAll()
        return String(decoding: output, as: UTF8.self)
    }
}

extension String {
    func trimmingQuotes() -> String {
        var text = trimmingSpaces()
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() }
        return String(text)
    }
}

extension StringProtocol where SubSequence == Substring {
    func trimmingSpaces() -> Substring {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" || first == "\r" || first == "\n" || first == "\r\n" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" || last == "\n" || last == "\r\n" { text = text.dropLast() }
        return text
    }
}
