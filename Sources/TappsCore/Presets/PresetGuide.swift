/// The preset selection guide in short, shown by `--help` (the long form is
/// docs/guides/workflow-preset-selection.md).
public enum PresetGuide {
    public static let summary = """
        Presets, lightest first (steps, time, tokens → what the hook runs):
          minimal        2 steps, ~5 min, ~15K   → test.      Typos, comments, logging, docs.
          standard       4 steps, ~15 min, ~30K  → review, test. Bug fixes, validation, small features. Default.
          lightweight    6 steps, ~35 min, ~40K  → quick review, test (coverage ≥75). Medium features in one component.
          comprehensive  7 steps, ~45 min, ~60K  → review, test, security. New API endpoints, security-sensitive work.
          full-sdlc      9 steps, ~2 h, ~80K     → review, test, security, docs. Framework paths (mandatory),
                                                  architecture changes, auth-system refactors.
        A change under a configured framework path always gets full-sdlc. Override any recommendation
        with `git tapps run --preset NAME` or `preset:` in .tapps.yaml.
        """
}
