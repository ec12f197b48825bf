/// The index's cache tree: for each directory, the tree id the index's entries below it would
/// produce, when that is still known. git keeps it up to date as `git add` touches paths.
final class CacheTree {
    /// Where the directory's 20-byte tree id starts in the index file, or nil when invalidated.
    let idOffset: Int?
    /// Subdirectories by name.
    let children: [[UInt8]: CacheTree]

    init(idOffset: Int?, children: [[UInt8]: CacheTree]) {
        self.idOffset = idOffset
        self.children = children
    }

    struct Parser {
        let data: UnsafeRawBufferPointer
        var offset: Int
        let end: Int

        /// The root, or nil when the extension is damaged (the cache tree is then just not used).
        mutating func parse() -> CacheTree? {
            guard let (_, root) = node(depth: 0), offset == end else { return nil }
            return root
        }

        private mutating func node(depth: Int) -> ([UInt8], CacheTree)? {
            guard depth < 4096, let nameEnd = find(0) else { return nil }
            let name = Array(data[offset..<nameEnd])
            offset = nameEnd + 1
            guard let entryCount = number(until: 0x20), let subtrees = number(until: 0x0A), subtrees >= 0 else { return nil }
            var idOffset: Int?
            if entryCount >= 0 {
                guard offset + 20 <= end else { return nil }
                idOffset = offset
                offset += 20
            }
            var children: [[UInt8]: CacheTree] = [:]
            children.reserveCapacity(subtrees)
            for _ in 0..<subtrees {
                guard let (childName, child) = node(depth: depth + 1) else { return nil }
                children[childName] = child
            }
            return (name, CacheTree(idOffset: idOffset, children: children))
        }

        private func find(_ byte: UInt8) -> Int? {
            var position = offset
            while position < end {
                if data[position] == byte { return position }
                position += 1
            }
            return nil
        }

        private mutating func number(until terminator: UInt8) -> Int? {
            guard let stop = find(terminator), stop > offset, stop - offset <= 10 else { return nil }
            var position = offset
            var negative = false
            if data[position] == UInt8(ascii: "-") { negative = true; position += 1 }
            guard position < stop else { return nil }
            var value = 0
            while position < stop {
                let digit = data[position]
                guard (0x30...0x39).contains(digit) else { return nil }
                value = value * 10 + Int(digit - 0x30)
                position += 1
            }
            offset = stop + 1
            return negative ? -value : value
        }
    }
}
