import TappsCore
import TappsGit
import TappsSystem

/// The native guards' results for a whole staged change that passed them, kept for the few most recent changes in
/// `<git-common-dir>/tapps/cache/guards.runs`, so that the same change checked again (a retried commit, or
/// `git tapps run` before `git commit`) costs one small read instead of a lookup per staged blob. (A change with
/// findings is not kept: it is judged again blob by blob, through the guard-result cache.)
///
/// The key pins everything the results depend on: the index file git commits from (its trailing checksum, inode,
/// size and times — git replaces an index by renaming a new file over it, so the same identity is the same staged
/// content), HEAD's
/// tree, the guards planned with their files, their options, and the executable (the guard-result cache's
/// settings hash). Anything else — another scope, an index libgit2 holds in memory, a file that does not read
/// back intact — is a miss, and the guards run as they would without it.
struct GuardRunMemo {
    static let fileName = "guards.runs"
    static let magic: [UInt8] = Array("TGRM".utf8)
    static let formatVersion: UInt32 = 1
    /// Changes kept (the most recent first).
    static let kept = 8
    /// A change whose results would take more than this is not kept (a run with thousands of findings reads its blobs).
    static let largestEntry = 256 * 1024

    let path: String
    let key: [UInt8]

    /// The memo of a staged run of `steps`, or nil when this run cannot be recognised again (not the staged scope,
    /// or no index file identity).
    init?(steps: [PlannedStep], session: RepositorySession, scope: RunSummary.Scope, settings: BuiltinSettings) {
        guard scope == .staged, let index = session.repository.stagedIndexFileIdentity() else { return nil }
        let head: [UInt8]
        do throws(GitError) { head = try session.repository.headTree()?.id.bytes ?? [] } catch { return nil }
        var fixed = SHA256()
        for part in ["tapps-guard-runs", String(Self.formatVersion), String(GuardResultCache.settingsHash(secretsAllow: settings.secretsAllow)),
                     String(settings.largeFilesMaxKB)] {
            fixed.update(part.utf8)
            fixed.update([0])
        }
        fixed.update(index)
        fixed.update([UInt8(head.count)] + head)
        // The steps and their files: the names and counts in the digest, the paths through two 64-bit FNV-1a hashes
        // (a list the same as the previous step's is hashed once).
        var lists = FNVPair()
        var previous: [RepoPath]?
        for step in steps {
            fixed.update(step.name.utf8)
            fixed.update([0])
            fixed.update(String(step.files.count).utf8)
            if step.files == previous {
                fixed.update([1])
                continue
            }
            fixed.update([2])
            for file in step.files { lists.add(file.bytes) }
            previous = step.files
        }
        fixed.update(lists.bytes)
        path = StepResultCache.directory(for: session.repository) + "/" + Self.fileName
        key = fixed.finalize()
    }

    /// The results kept for this change, or nil.
    func lookup() -> [StepResult]? {
        guard let entries = Self.entries(WholeFile.read(path)) else { return nil }
        for entry in entries where entry.key == key {
            var reader = Reader(bytes: entry.payload)
            return reader.results()
        }
        return nil
    }

    /// Keeps `results` for this change (the oldest change dropped past ``kept``); failures are ignored.
    func save(_ results: [StepResult]) {
        var payload: [UInt8] = []
        Writer.append(results, to: &payload)
        guard payload.count <= Self.largestEntry else { return }
        var entries = [(key: key, payload: payload)]
        for entry in Self.entries(WholeFile.read(path)) ?? [] where entry.key != key && entries.count < Self.kept {
            entries.append(entry)
        }
        var body: [UInt8] = []
        for entry in entries {
            body += entry.key
            Writer.append(UInt32(entry.payload.count), to: &body)
            body += entry.payload
        }
        var file = Self.magic
        Writer.append(Self.formatVersion, to: &file)
        Writer.append(UInt32(entries.count), to: &file)
        Writer.append(FNVPair.checksum(body), to: &file)
        file += body
        _ = StepFileSystem.replace(path, with: file)  // creates the directory
    }

    /// The entries of an intact file, or nil for anything else (missing, foreign, truncated, damaged).
    private static func entries(_ bytes: [UInt8]?) -> [(key: [UInt8], payload: [UInt8])]? {
        guard let bytes, bytes.count >= 20, Array(bytes[0..<4]) == magic else { return nil }
        var reader = Reader(bytes: bytes, position: 4)
        guard reader.u32() == formatVersion, let count = reader.u32(), let sum = reader.u64(),
              sum == FNVPair.checksum(bytes[20...]) else { return nil }
        var entries: [(key: [UInt8], payload: [UInt8])] = []
        for _ in 0..<count {
            guard let key = reader.take(32), let length = reader.u32(), let payload = reader.take(Int(length)) else { return nil }
            entries.append((key, payload))
        }
        return reader.position == bytes.count ? entries : nil
    }

    /// Two 64-bit FNV-1a hashes with different offsets (128 bits against an accidental collision).
    struct FNVPair {
        private var first: UInt64 = 0xcbf2_9ce4_8422_2325
        private var second: UInt64 = 0x6c62_272e_07bb_0142
        private static let prime: UInt64 = 0x0000_0100_0000_01b3

        mutating func add(_ bytes: [UInt8]) {
            for byte in bytes {
                first = (first ^ UInt64(byte)) &* Self.prime
                second = (second ^ UInt64(byte)) &* Self.prime
            }
            // The length ends each item, so that two lists never run into each other.
            for shift in stride(from: 0, to: 32, by: 8) {
                first = (first ^ UInt64(UInt8(truncatingIfNeeded: bytes.count >> shift))) &* Self.prime
                second = (second ^ (UInt64(UInt8(truncatingIfNeeded: bytes.count >> shift)) &+ 0x5a)) &* Self.prime
            }
        }

        var bytes: [UInt8] {
            var out: [UInt8] = []
            Writer.append(first, to: &out)
            Writer.append(second, to: &out)
            return out
        }

        static func checksum(_ bytes: some Collection<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
            return hash
        }
    }

    /// The results' encoding: every field a finding or result of a native guard has, lengths first.
    enum Writer {
        static func append<Number: FixedWidthInteger>(_ value: Number, to out: inout [UInt8]) {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }

        static func append(bytes: [UInt8]?, to out: inout [UInt8]) {
            guard let bytes else { return append(UInt32.max, to: &out) }
            append(UInt32(bytes.count), to: &out)
            out += bytes
        }

        static func append(number: Int?, to out: inout [UInt8]) {
            out.append(number == nil ? 0 : 1)
            append(Int64(number ?? 0), to: &out)
        }

        static func append(_ results: [StepResult], to out: inout [UInt8]) {
            append(UInt32(results.count), to: &out)
            for result in results {
                append(bytes: Array(result.name.utf8), to: &out)
                append(bytes: Array(result.phase.rawValue.utf8), to: &out)
                append(bytes: Array(result.status.rawValue.utf8), to: &out)
                append(bytes: result.note.map { Array($0.utf8) }, to: &out)
                append(number: result.fileCount, to: &out)
                append(UInt32(result.findings.count), to: &out)
                for finding in result.findings {
                    append(bytes: finding.file?.bytes, to: &out)
                    append(number: finding.line, to: &out)
                    append(number: finding.column, to: &out)
                    append(bytes: Array(finding.severity.utf8), to: &out)
                    append(bytes: finding.code.map { Array($0.utf8) }, to: &out)
                    append(bytes: Array(finding.message.utf8), to: &out)
                }
            }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, position + count <= bytes.count else { return nil }
            defer { position += count }
            return Array(bytes[position..<position + count])
        }

        mutating func u32() -> UInt32? {
            take(4).map { $0.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        }

        mutating func u64() -> UInt64? {
            take(8).map { $0.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        }

        mutating func optionalBytes() -> [UInt8]?? {
            guard let length = u32() else { return nil }
            if length == UInt32.max { return .some(nil) }
            guard let value = take(Int(length)) else { return nil }
            return .some(value)
        }

        mutating func text() -> String? {
            guard case .some(.some(let bytes)) = optionalBytes() else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }

        mutating func optionalText() -> String?? {
            guard let value = optionalBytes() else { return nil }
            return .some(value.map { String(decoding: $0, as: UTF8.self) })
        }

        mutating func number() -> Int?? {
            guard let flag = take(1), let value = u64() else { return nil }
            return .some(flag[0] == 0 ? nil : Int(Int64(bitPattern: value)))
        }

        mutating func results() -> [StepResult]? {
            guard let count = u32(), count <= 1000 else { return nil }
            var results: [StepResult] = []
            for _ in 0..<count {
                guard let name = text(), let phaseName = text(), let phase = Phase(rawValue: phaseName),
                      let statusName = text(), let status = StepStatus(rawValue: statusName), let note = optionalText(),
                      let fileCount = number(), let findingCount = u32(), Int(findingCount) <= bytes.count else { return nil }
                var result = StepResult(name: name, phase: phase, status: status, note: note)
                result.fileCount = fileCount ?? 0
                for _ in 0..<findingCount {
                    guard let file = optionalBytes(), let line = number(), let column = number(), let severity = text(),
                          let code = optionalText(), let message = text() else { return nil }
                    result.findings.append(Finding(file: file.map(RepoPath.init(bytes:)), line: line, column: column,
                                                   severity: severity, code: code, message: message))
                }
                results.append(result)
            }
            return position == bytes.count ? results : nil
        }
    }
}
