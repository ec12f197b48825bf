import Testing
@testable import TappsCore

/// The byte-wise split git-tapps uses for ASCII text says exactly what the `Character` split says.
@Suite struct WordsASCIITests {
    @Test func theByteSplitAgreesWithTheCharacterSplitOnRandomASCII() {
        // Letters of both cases, digits, separators and control bytes (CR LF is one Character).
        let alphabet = Array("aAbZzqQ09_-./ \t\r\nxYHTTPServer2faKey".utf8) + [0x00, 0x7F, 0x01]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        for _ in 0..<5_000 {
            let length = Int(next() % 24)
            let bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Words.splitASCII(text) == Words.splitCharacters(text), "\(bytes)")
        }
    }

    @Test func textThatIsNotASCIIIsLeftToTheCharacterSplit() {
        #expect(Words.splitASCII("ÜberGroß") == nil)
        #expect(Words.split("ÜberGroß") == ["über", "groß"])
    }
}
