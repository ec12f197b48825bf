/// A small Python project whose tests fail in every way pytest can report: an assertion, an exception raised in a
/// source module, fixture errors at setup and teardown, parametrized ids with " - ", brackets and non-ASCII
/// characters, a chained exception, `pytest.raises` that did not raise, skip and xfail; plus test files that fail
/// to collect (a missing module, a syntax error). `PytestSamples` holds what pytest 9 printed for it.
public enum PytestFixtureProject {
    /// Repository path → content.
    public static let files: [(path: String, content: String)] = [
        ("src/pkg/__init__.py", #"""

            """# + "\n"),
        ("src/pkg/core.py", #"""
            def add(a, b):
                return a + b

            def divide(a, b):
                return helper(a) + b

            def helper(a):
                return a + "x"
            """# + "\n"),
        ("tests/conftest.py", #"""
            import sys, pathlib
            sys.path.insert(0, str(pathlib.Path(__file__).parent.parent / "src"))
            import pytest

            @pytest.fixture
            def broken():
                raise RuntimeError("fixture exploded")

            @pytest.fixture
            def bad_teardown():
                yield 1
                raise ValueError("teardown broke")
            """# + "\n"),
        ("tests/test_core.py", #"""
            import pytest
            from pkg.core import add, divide

            def test_add():
                assert add(3, 4) == 6

            def test_ok():
                assert add(1, 1) == 2

            def test_source():
                divide(1, 2)

            def test_fixture(broken):
                assert True

            @pytest.mark.parametrize("x", ["a - b", "c[d]", "ü ñ"])
            def test_param(x):
                assert x == "zz"

            @pytest.mark.skip(reason="nope")
            def test_skipped():
                pass

            @pytest.mark.xfail
            def test_xfail():
                assert False

            def test_unicode():
                assert "héllo ☃" == "hello"

            def test_long():
                assert "a" * 100 == "b" * 100

            class TestK:
                def test_m(self):
                    x = {"a": 1}
                    assert x["b"]

            def test_teardown(bad_teardown):
                assert bad_teardown == 2

            def test_chained():
                try:
                    {}["k"]
                except KeyError as error:
                    raise RuntimeError("lookup failed") from error

            def test_raises():
                with pytest.raises(ValueError):
                    add(1, 2)
            """# + "\n"),
        ("tests/test_missing.py", #"""
            import nothere
            def test_x(): pass
            """# + "\n"),
        ("tests/test_syntax.py", #"""
            def test_x(:
                pass
            """# + "\n"),
    ]
}
