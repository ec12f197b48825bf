import Testing
import TappsCore

@Suite struct XMLReaderTests {
    @Test func readsElementsAttributesAndText() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- a comment with <tags> inside -->
            <!DOCTYPE suites [ <!ENTITY x "y"> ]>
            <suites name='outer' count="2">
              <suite name="a" empty="" >text one<case id="1"/>text two</suite>
              <suite name="b"><case id="2"></case><case id="3" /></suite>
            </suites>
            """
        let root = try #require(XMLReader.parse(xml))
        #expect(root.name == "suites")
        #expect(root[attribute: "name"] == "outer" && root[attribute: "count"] == "2")
        #expect(root[attribute: "missing"] == nil)
        let suites = root.children(named: "suite")
        #expect(suites.map { $0[attribute: "name"] } == ["a", "b"])
        #expect(suites[0][attribute: "empty"] == "")
        #expect(suites[0].text == "text onetext two")
        #expect(root.descendants(named: "case").compactMap { $0[attribute: "id"] } == ["1", "2", "3"])
        #expect(suites[1].children.count == 2 && suites[1].children.allSatisfy { $0.children.isEmpty })
    }

    @Test func decodesEntitiesAndCharacterReferences() throws {
        let xml = #"<a m="x &lt; y &amp;&amp; &quot;q&quot; &apos;s&apos;&#10;line&#x2603;">&lt;module&gt; &#233;t&#xE9; &unknown; &amp;amp; a &b</a>"#
        let root = try #require(XMLReader.parse(xml))
        #expect(root[attribute: "m"] == "x < y && \"q\" 's'\nline☃")
        #expect(root.text == "<module> été &unknown; &amp; a &b")
        #expect(XMLReader.decodeEntities("&#0;&#xD800;&#65;") == "&#0;&#xD800;A", "invalid scalars are kept as written")
    }

    @Test func keepsCDATAAndUnicodeVerbatim() throws {
        let root = try #require(XMLReader.parse("<r><![CDATA[if a < b && c > d: ü ñ ☃]]> tail</r>"))
        #expect(root.text == "if a < b && c > d: ü ñ ☃ tail")
    }

    @Test func toleratesMalformedInput() throws {
        #expect(XMLReader.parse("") == nil)
        #expect(XMLReader.parse("no markup at all") == nil)
        #expect(XMLReader.parse("<?xml version='1.0'?><!-- only a comment -->") == nil)
        let unclosed = try #require(XMLReader.parse("<a><b x=\"1\">text<c>"))
        #expect(unclosed.name == "a" && unclosed.children.first?.name == "b")
        #expect(unclosed.children.first?.text == "text" && unclosed.children.first?.children.first?.name == "c")
        let stray = try #require(XMLReader.parse("<a><b>1</x></b><c/></a>"))
        #expect(stray.children.map(\.name) == ["b", "c"], "an end tag that matches nothing is ignored")
        let skipped = try #require(XMLReader.parse("<a><b><c>1</b><d/></a>"))
        #expect(skipped.children.map(\.name) == ["b", "d"], "</b> closes the unclosed <c> too")
        let truncated = try #require(XMLReader.parse("<a x=\"unterminated"))
        #expect(truncated.name == "a")
        let bareLess = try #require(XMLReader.parse("<a>1 < 2</a>"))
        #expect(bareLess.text == "1 < 2")
        let unquoted = try #require(XMLReader.parse("<a n=5 flag>x</a>"))
        #expect(unquoted[attribute: "n"] == "5" && unquoted[attribute: "flag"] == "")
    }

    @Test func stopsAtTheEndOfTheRootElement() throws {
        let root = try #require(XMLReader.parse("<a>1</a><b>2</b>"))
        #expect(root.name == "a" && root.text == "1")
    }
}
