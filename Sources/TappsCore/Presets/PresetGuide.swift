/// The preset selection guide in short, shown by `--help` (the long form is
/// docs/guides/workflow-preset-selection.md; keep the two consistent). Lines
/// stay within 78 columns so that help output does not re-wrap them.
public enum PresetGuide {
    public static let summary = """
        Presets, lightest first (steps, time, tokens; what the hook runs):
          minimal        2, ~5 min, ~15K    test
                         Typos, comments, logging, docs.
          standard       4, ~15 min, ~30K   review, test            (default)
                         Bug fixes, validation, small features, refactoring
                         a function.
          lightweight    6, ~35 min, ~40K   quick review, test (coverage >= 75)
                         A medium feature inside one component.
          comprehensive  7, ~45 min, ~60K   review, test, security
                         New API endpoints, security-sensitive or complex
                         features, public API changes.
          full-sdlc      9, ~2 h, ~80K      review, test, security, docs
                         Framework paths (mandatory), architecture and
                         breaking changes, auth-system refactors.

        The recommender weighs the description (whole words: "author" is not
        "auth") with the staged change (size, spread, docs/tests/config-only,
        security-sensitive paths) and gives its reasons. A change under a
        configured framework path always gets full-sdlc; a docs-only change
        never needs more than standard.

        Override: `git tapps run --preset NAME`, or `preset: NAME` in .tapps.yaml
        (`preset: auto` follows the recommender). Full guide:
        docs/guides/workflow-preset-selection.md
        """
}
