import Foundation
import Testing
import TestSupport

/// One staged file as `git diff --cached` or `git tapps suggest --format json` reports it.
struct StagedRecord: Equatable, CustomStringConvertible {
    var status: String
    var path: [UInt8]
    var oldPath: [UInt8]?
    /// nil when git calls the file binary (`-` in `--numstat`).
    var lines: Lines?

    struct Lines: Equatable {
        var added: Int
        var deleted: Int
    }

    var description: String {
        let show = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self).debugDescription }
        let old = oldPath.map { " from \(show($0))" } ?? ""
        let counts = lines.map { "+\($0.added) -\($0.deleted)" } ?? "binary"
        return "\(status) \(show(path))\(old) \(counts)"
    }
}

/// What git and git-tapps say about the staged change, for comparing them.
enum Parity {
    /// `git diff --cached --name-status -z` joined with `--numstat -z`, run in `directory` with `environment`.
    static func git(in directory: String, environment: [String: String] = [:]) throws -> [StagedRecord] {
        let names = try runGit(["diff", "--cached", "--name-status", "-z"], in: directory, environment: environment)
        let numstat = try runGit(["diff", "--cached", "--numstat", "-z"], in: directory, environment: environment)
        return join(nameStatus: names, numstat: numstat)
    }

    static func runGit(_ arguments: [String], in directory: String, environment: [String: String]) throws -> [UInt8] {
        let result = try ProcessRunner.run("/usr/bin/env", ["git"] + arguments, directory: directory,
                                           environment: ScratchRepository.environment.merging(environment) { $1 })
        guard result.status == 0 else { throw ScratchError.command("git \(arguments) failed: \(result.errorText)") }
        return result.output
    }

    static func join(nameStatus: [UInt8], numstat: [UInt8]) -> [StagedRecord] {
        var records: [StagedRecord] = []
        var fields = nameStatus.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        if fields.last == [] { fields.removeLast() }
        var position = 0
        while position < fields.count {
            let status = String(decoding: fields[position].prefix(1), as: UTF8.self)
            if status == "R" || status == "C" {
                records.append(StagedRecord(status: status, path: fields[position + 2], oldPath: fields[position + 1]))
                position += 3
            } else {
                records.append(StagedRecord(status: status, path: fields[position + 1]))
                position += 2
            }
        }
        let counts = numstatCounts(numstat)
        for index in records.indices {
            records[index].lines = counts[records[index].path] ?? nil
        }
        return records.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    /// Path → counts (nil for binary). A rename's record is `a\td\t\0old\0new\0`.
    static func numstatCounts(_ output: [UInt8]) -> [[UInt8]: StagedRecord.Lines?] {
        var result: [[UInt8]: StagedRecord.Lines?] = [:]
        var fields = output.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        if fields.last == [] { fields.removeLast() }
        var position = 0
        while position < fields.count {
            let parts = fields[position].split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
            let added = Int(String(decoding: parts[0], as: UTF8.self))
            let deleted = Int(String(decoding: parts[1], as: UTF8.self))
            let lines = added.flatMap { added in deleted.map { StagedRecord.Lines(added: added, deleted: $0) } }
            if parts.count > 2, !parts[2].isEmpty {
                result[Array(parts[2])] = lines
                position += 1
            } else {
                result[fields[position + 2]] = lines
                position += 3
            }
        }
        return result
    }

    /// The files of `git tapps suggest --format json` output.
    static func tapps(_ output: [UInt8]) throws -> [StagedRecord] {
        let document = try JSONReader.parse(output)
        guard case .array(let files) = document["context"]?["files"] else { throw ScratchError.io("no context.files") }
        return try files.map { file in
            guard let status = file["status"]?.text, let path = file["path"]?.bytes,
                  case .number(let added) = file["lines_added"], case .number(let deleted) = file["lines_deleted"],
                  case .bool(let binary) = file["binary"] else { throw ScratchError.io("malformed file entry") }
            #expect(!binary || (added == 0 && deleted == 0), "a binary file has no line counts")
            return StagedRecord(status: status, path: path, oldPath: file["old_path"]?.bytes,
                                lines: binary ? nil : StagedRecord.Lines(added: Int(added), deleted: Int(deleted)))
        }.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    /// Runs `git tapps suggest --format json` and checks its files against git's, both run in
    /// `directory` (default: the root) with `environment`. Returns the parsed JSON.
    @discardableResult
    static func expectMatch(_ repo: ScratchRepository, in directory: String? = nil, environment: [String: String] = [:],
                            gitDirectory: String? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONReader.Value {
        let result = try repo.tapps(["suggest", "--format", "json"], environment: environment, in: directory)
        #expect(result.status == 0, "suggest failed: \(result.errorText)", sourceLocation: sourceLocation)
        let expected = try git(in: gitDirectory ?? directory ?? repo.root, environment: environment)
        let actual = try tapps(result.output)
        #expect(actual == expected, sourceLocation: sourceLocation)
        let document = try JSONReader.parse(result.output)
        #expect(document["context"]?["available"] == .bool(true), sourceLocation: sourceLocation)
        return document
    }
}

/// A small JSON reader whose strings are bytes: `\udc80`–`\udcff` (Python's surrogateescape,
/// how git-tapps writes bytes that are not UTF-8) decode back to the raw byte.
enum JSONReader {
    indirect enum Value: Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string([UInt8])
        case array([Value])
        case object([String: Value])

        subscript(key: String) -> Value? {
            if case .object(let pairs) = self { return pairs[key] }
            return nil
        }

        var bytes: [UInt8]? {
            if case .string(let bytes) = self { return bytes }
            return nil
        }

        var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

        var strings: [[UInt8]] {
            if case .array(let items) = self { return items.compactMap(\.bytes) }
            return []
        }
    }

    static func parse(_ input: [UInt8]) throws -> Value {
        var parser = Parser(input: input)
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == input.count else { throw ScratchError.io("trailing JSON") }
        return value
    }

    private struct Parser {
        let input: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < input.count, [0x20, 0x0A, 0x0D, 0x09].contains(input[position]) { position += 1 }
        }

        mutating func value() throws -> Value {
            skipSpace()
            guard position < input.count else { throw ScratchError.io("JSON ended early") }
            switch input[position] {
            case UInt8(ascii: "{"):
                position += 1
                var pairs: [String: Value] = [:]
                skipSpace()
                if input[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    let key = String(decoding: try string(), as: UTF8.self)
                    skipSpace()
                    try expect(":")
                    pairs[key] = try value()
                    skipSpace()
                    if input[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
                    try expect(",")
                }
            case UInt8(ascii: "["):
                position += 1
                var items: [Value] = []
                skipSpace()
                if input[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    if input[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                    try expect(",")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): position += 4; return .bool(true)
            case UInt8(ascii: "f"): position += 5; return .bool(false)
            case UInt8(ascii: "n"): position += 4; return .null
            default:
                let start = position
                while position < input.count, "+-.eE0123456789".utf8.contains(input[position]) { position += 1 }
                guard let number = Double(String(decoding: input[start..<position], as: UTF8.self)) else {
                    throw ScratchError.io("bad JSON number")
                }
                return .number(number)
            }
        }

        mutating func expect(_ character: Character) throws {
            guard position < input.count, input[position] == character.asciiValue else {
                throw ScratchError.io("expected \(character) at \(position)")
            }
            position += 1
        }

        mutating func string() throws -> [UInt8] {
            try expect("\"")
            var out: [UInt8] = []
            while position < input.count {
                let byte = input[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""): return out
                case UInt8(ascii: "\\"):
                    let escape = input[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        var unit = try hex4()
                        if (0xDC80...0xDCFF).contains(unit) {
                            out.append(UInt8(unit & 0xFF))
                            continue
                        }
                        if (0xD800...0xDBFF).contains(unit), input[position] == UInt8(ascii: "\\") {
                            position += 2
                            let low = try hex4()
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(unit) else { throw ScratchError.io("bad \\u escape") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: out.append(escape) // \" \\ \/
                    }
                default: out.append(byte)
                }
            }
            throw ScratchError.io("unterminated JSON string")
        }

        mutating func hex4() throws -> UInt32 {
            guard position + 4 <= input.count,
                  let value = UInt32(String(decoding: input[position..<(position + 4)], as: UTF8.self), radix: 16) else {
                throw ScratchError.io("bad \\u escape")
            }
            position += 4
            return value
        }
    }
}
