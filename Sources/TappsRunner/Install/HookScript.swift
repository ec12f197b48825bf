/// The pre-commit hook `git tapps install` writes: the same bytes as `hooks/pre-commit` in this
/// repository (a test compares them), so the shim people read is the shim they get.
public enum HookScript {
    /// The hook's file name in the hooks directory.
    public static let name = "pre-commit"

    /// A line only git-tapps's hook has; it tells our hook (of any version) from the user's.
    public static let marker = "# git-tapps pre-commit hook."

    /// The script, byte for byte.
    public static let text = """
        #!/bin/sh
        # git-tapps pre-commit hook. Installed by `git tapps install`; removed by `git tapps uninstall`.
        # Bypass once: git commit --no-verify, or TAPPS_SKIP=1 git commit. Skip steps: SKIP=step1,step2.
        case "$TAPPS_SKIP" in 1|true|yes|on) exit 0 ;; esac
        # A hook that was here before git-tapps was installed runs first, as it did before.
        if [ -x "$0.tapps-previous" ]; then
          "$0.tapps-previous" "$@" || exit $?
        fi
        if ! command -v git-tapps >/dev/null 2>&1; then
          echo "git-tapps: not found on PATH; install it (scripts/setup) or bypass with git commit --no-verify or TAPPS_SKIP=1" >&2
          exit 1
        fi
        exec git-tapps run "$@"

        """
}
