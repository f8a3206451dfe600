#if canImport(Glibc)
import Glibc
private let systemConnect = Glibc.connect
private let systemSend = Glibc.send
private let streamSocket = Int32(SOCK_STREAM.rawValue)
#else
import Darwin
private let systemConnect = Darwin.connect
private let systemSend = Darwin.send
private let streamSocket = SOCK_STREAM
private let MSG_NOSIGNAL: Int32 = 0
#endif
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP/1.1 over a real TCP socket to a running server. The head goes first and the body follows in small
/// pieces a moment later, the way a browser's longer form reaches the server: an in-memory test application
/// hands the whole body over at once and cannot show what depends on how the bytes arrive.
struct SocketHTTP {
    let port: Int
    var pieceSize = 1_024

    struct Reply {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Blocking socket calls run on a thread of their own: on the few threads of Swift's shared pool they could
    /// hold every thread while the server in the same process waits for one to answer.
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: [UInt8]) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try sendBlocking(method, path, headers: headers, body: body) })
            }.start()
        }
    }

    private func sendBlocking(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: [UInt8]) throws -> Reply {
        let socket = try connect()
        defer { close(socket) }
        var head = "\(method.rawValue) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == .POST { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8), to: socket)
        if !body.isEmpty {
            // Let the server take the head alone before any of the body arrives.
            usleep(30_000)
            var offset = 0
            while offset < body.count {
                let end = min(offset + pieceSize, body.count)
                try write(Array(body[offset..<end]), to: socket)
                offset = end
            }
        }
        return try parse(readAll(socket))
    }

    private func connect() throws -> Int32 {
        let fd = socket(AF_INET, streamSocket, 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw Failure(description: "connect() to port \(port) failed") }
        return fd
    }

    private func write(_ bytes: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send() failed after \(offset) of \(bytes.count) bytes") }
            offset += sent
        }
    }

    private func readAll(_ fd: Int32) throws -> [UInt8] {
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw Failure(description: "recv() failed") }
            if count == 0 { return received }
            received += chunk[0..<count]
        }
    }

    private func parse(_ bytes: [UInt8]) throws -> Reply {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw Failure(description: "no complete response head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let code = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(bytes[(end + separator.count)...])
        if headers.first(name: "transfer-encoding")?.lowercased() == "chunked" { body = Self.dechunk(body) }
        return Reply(status: HTTPResponseStatus(statusCode: code), headers: headers, body: ByteBuffer(bytes: body))
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](), index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\r")),
                  let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            out += bytes[start..<min(start + size, bytes.count)]
            index = start + size + 2
        }
        return out
    }
}
