/// Real pytest 9.0.3 output (Python 3.11), captured from `pytest -q -rfE --tb=short --no-header -p no:cacheprovider
/// --junit-xml=… -o junit_family=xunit1` with COLUMNS=200 on the fixture project that `PytestFixtureProject` writes
/// (root /tmp/fx; the conftest sample from a second project at /tmp/fx2).
enum PytestSamples {
    static let coreXML = #"""
        <?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="2" failures="11" skipped="2" tests="15" time="0.649" timestamp="2026-12-01T10:03:45.903077+00:00" hostname="vm"><testcase classname="tests.test_core" name="test_add" file="tests/test_core.py" line="3" time="0.001"><failure message="assert 7 == 6&#10; +  where 7 = add(3, 4)">tests/test_core.py:5: in test_add
            assert add(3, 4) == 6
        E   assert 7 == 6
        E    +  where 7 = add(3, 4)</failure></testcase><testcase classname="tests.test_core" name="test_ok" file="tests/test_core.py" line="6" time="0.000" /><testcase classname="tests.test_core" name="test_source" file="tests/test_core.py" line="9" time="0.000"><failure message="TypeError: unsupported operand type(s) for +: 'int' and 'str'">tests/test_core.py:11: in test_source
            divide(1, 2)
        src/pkg/core.py:5: in divide
            return helper(a) + b
                   ^^^^^^^^^
        src/pkg/core.py:8: in helper
            return a + "x"
                   ^^^^^^^
        E   TypeError: unsupported operand type(s) for +: 'int' and 'str'</failure></testcase><testcase classname="tests.test_core" name="test_fixture" file="tests/test_core.py" line="12" time="0.001"><error message="failed on setup with &quot;RuntimeError: fixture exploded&quot;">tests/conftest.py:7: in broken
            raise RuntimeError("fixture exploded")
        E   RuntimeError: fixture exploded</error></testcase><testcase classname="tests.test_core" name="test_param[a - b]" file="tests/test_core.py" line="15" time="0.046"><failure message="AssertionError: assert 'a - b' == 'zz'&#10;  &#10;  - zz&#10;  + a - b">tests/test_core.py:18: in test_param
            assert x == "zz"
        E   AssertionError: assert 'a - b' == 'zz'
        E     
        E     - zz
        E     + a - b</failure></testcase><testcase classname="tests.test_core" name="test_param[c[d]]" file="tests/test_core.py" line="15" time="0.026"><failure message="AssertionError: assert 'c[d]' == 'zz'&#10;  &#10;  - zz&#10;  + c[d]">tests/test_core.py:18: in test_param
            assert x == "zz"
        E   AssertionError: assert 'c[d]' == 'zz'
        E     
        E     - zz
        E     + c[d]</failure></testcase><testcase classname="tests.test_core" name="test_param[\xfc \xf1]" file="tests/test_core.py" line="15" time="0.026"><failure message="AssertionError: assert 'ü ñ' == 'zz'&#10;  &#10;  - zz&#10;  + ü ñ">tests/test_core.py:18: in test_param
            assert x == "zz"
        E   AssertionError: assert 'ü ñ' == 'zz'
        E     
        E     - zz
        E     + ü ñ</failure></testcase><testcase classname="tests.test_core" name="test_skipped" file="tests/test_core.py" line="19" time="0.000"><skipped type="pytest.skip" message="nope">/tmp/fx/tests/test_core.py:20: nope</skipped></testcase><testcase classname="tests.test_core" name="test_xfail" file="tests/test_core.py" line="23" time="0.001"><skipped type="pytest.xfail" message="" /></testcase><testcase classname="tests.test_core" name="test_unicode" file="tests/test_core.py" line="27" time="0.016"><failure message="AssertionError: assert 'héllo ☃' == 'hello'&#10;  &#10;  - hello&#10;  + héllo ☃">tests/test_core.py:29: in test_unicode
            assert "héllo ☃" == "hello"
        E   AssertionError: assert 'héllo ☃' == 'hello'
        E     
        E     - hello
        E     + héllo ☃</failure></testcase><testcase classname="tests.test_core" name="test_long" file="tests/test_core.py" line="30" time="0.002"><failure message="AssertionError: assert 'aaaaaaaaaaaa...aaaaaaaaaaaaa' == 'bbbbbbbbbbbb...bbbbbbbbbbbbb'&#10;  &#10;  - bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&#10;  + aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">tests/test_core.py:32: in test_long
            assert "a" * 100 == "b" * 100
        E   AssertionError: assert 'aaaaaaaaaaaa...aaaaaaaaaaaaa' == 'bbbbbbbbbbbb...bbbbbbbbbbbbb'
        E     
        E     - bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
        E     + aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</failure></testcase><testcase classname="tests.test_core.TestK" name="test_m" file="tests/test_core.py" line="34" time="0.013"><failure message="KeyError: 'b'">tests/test_core.py:37: in test_m
            assert x["b"]
                   ^^^^^^
        E   KeyError: 'b'</failure></testcase><testcase classname="tests.test_core" name="test_teardown" file="tests/test_core.py" line="38" time="0.009"><failure message="assert 1 == 2">tests/test_core.py:40: in test_teardown
            assert bad_teardown == 2
        E   assert 1 == 2</failure></testcase><testcase classname="tests.test_core" name="test_teardown" file="tests/test_core.py" line="38" time="0.001"><error message="failed on teardown with &quot;ValueError: teardown broke&quot;">tests/conftest.py:12: in bad_teardown
            raise ValueError("teardown broke")
        E   ValueError: teardown broke</error></testcase><testcase classname="tests.test_core" name="test_chained" file="tests/test_core.py" line="41" time="0.009"><failure message="RuntimeError: lookup failed">tests/test_core.py:44: in test_chained
            {}["k"]
        E   KeyError: 'k'

        The above exception was the direct cause of the following exception:
        tests/test_core.py:46: in test_chained
            raise RuntimeError("lookup failed") from error
        E   RuntimeError: lookup failed</failure></testcase><testcase classname="tests.test_core" name="test_raises" file="tests/test_core.py" line="47" time="0.001"><failure message="Failed: DID NOT RAISE &lt;class 'ValueError'&gt;">tests/test_core.py:49: in test_raises
            with pytest.raises(ValueError):
        E   Failed: DID NOT RAISE &lt;class 'ValueError'&gt;</failure></testcase></testsuite></testsuites>
        """#

    static let coreTerminal = #"""
        F.FEFFFsxFFFFEFF                                                                                                                                                                                 [100%]
        ================================================================================================ ERRORS ================================================================================================
        ____________________________________________________________________________________ ERROR at setup of test_fixture ____________________________________________________________________________________
        tests/conftest.py:7: in broken
            raise RuntimeError("fixture exploded")
        E   RuntimeError: fixture exploded
        __________________________________________________________________________________ ERROR at teardown of test_teardown __________________________________________________________________________________
        tests/conftest.py:12: in bad_teardown
            raise ValueError("teardown broke")
        E   ValueError: teardown broke
        =============================================================================================== FAILURES ===============================================================================================
        _______________________________________________________________________________________________ test_add _______________________________________________________________________________________________
        tests/test_core.py:5: in test_add
            assert add(3, 4) == 6
        E   assert 7 == 6
        E    +  where 7 = add(3, 4)
        _____________________________________________________________________________________________ test_source ______________________________________________________________________________________________
        tests/test_core.py:11: in test_source
            divide(1, 2)
        src/pkg/core.py:5: in divide
            return helper(a) + b
                   ^^^^^^^^^
        src/pkg/core.py:8: in helper
            return a + "x"
                   ^^^^^^^
        E   TypeError: unsupported operand type(s) for +: 'int' and 'str'
        __________________________________________________________________________________________ test_param[a - b] ___________________________________________________________________________________________
        tests/test_core.py:18: in test_param
            assert x == "zz"
        E   AssertionError: assert 'a - b' == 'zz'
        E     
        E     - zz
        E     + a - b
        ___________________________________________________________________________________________ test_param[c[d]] ___________________________________________________________________________________________
        tests/test_core.py:18: in test_param
            assert x == "zz"
        E   AssertionError: assert 'c[d]' == 'zz'
        E     
        E     - zz
        E     + c[d]
        ________________________________________________________________________________________ test_param[\xfc \xf1] _________________________________________________________________________________________
        tests/test_core.py:18: in test_param
            assert x == "zz"
        E   AssertionError: assert 'ü ñ' == 'zz'
        E     
        E     - zz
        E     + ü ñ
        _____________________________________________________________________________________________ test_unicode _____________________________________________________________________________________________
        tests/test_core.py:29: in test_unicode
            assert "héllo ☃" == "hello"
        E   AssertionError: assert 'héllo ☃' == 'hello'
        E     
        E     - hello
        E     + héllo ☃
        ______________________________________________________________________________________________ test_long _______________________________________________________________________________________________
        tests/test_core.py:32: in test_long
            assert "a" * 100 == "b" * 100
        E   AssertionError: assert 'aaaaaaaaaaaa...aaaaaaaaaaaaa' == 'bbbbbbbbbbbb...bbbbbbbbbbbbb'
        E     
        E     - bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
        E     + aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
        _____________________________________________________________________________________________ TestK.test_m _____________________________________________________________________________________________
        tests/test_core.py:37: in test_m
            assert x["b"]
                   ^^^^^^
        E   KeyError: 'b'
        ____________________________________________________________________________________________ test_teardown _____________________________________________________________________________________________
        tests/test_core.py:40: in test_teardown
            assert bad_teardown == 2
        E   assert 1 == 2
        _____________________________________________________________________________________________ test_chained _____________________________________________________________________________________________
        tests/test_core.py:44: in test_chained
            {}["k"]
        E   KeyError: 'k'

        The above exception was the direct cause of the following exception:
        tests/test_core.py:46: in test_chained
            raise RuntimeError("lookup failed") from error
        E   RuntimeError: lookup failed
        _____________________________________________________________________________________________ test_raises ______________________________________________________________________________________________
        tests/test_core.py:49: in test_raises
            with pytest.raises(ValueError):
        E   Failed: DID NOT RAISE <class 'ValueError'>
        ======================================================================================= short test summary info ========================================================================================
        FAILED tests/test_core.py::test_add - assert 7 == 6
        FAILED tests/test_core.py::test_source - TypeError: unsupported operand type(s) for +: 'int' and 'str'
        FAILED tests/test_core.py::test_param[a - b] - AssertionError: assert 'a - b' == 'zz'
        FAILED tests/test_core.py::test_param[c[d]] - AssertionError: assert 'c[d]' == 'zz'
        FAILED tests/test_core.py::test_param[\xfc \xf1] - AssertionError: assert 'ü ñ' == 'zz'
        FAILED tests/test_core.py::test_unicode - AssertionError: assert 'héllo ☃' == 'hello'
        FAILED tests/test_core.py::test_long - AssertionError: assert 'aaaaaaaaaaaa...aaaaaaaaaaaaa' == 'bbbbbbbbbbbb...bbbbbbbbbbbbb'
        FAILED tests/test_core.py::TestK::test_m - KeyError: 'b'
        FAILED tests/test_core.py::test_teardown - assert 1 == 2
        FAILED tests/test_core.py::test_chained - RuntimeError: lookup failed
        FAILED tests/test_core.py::test_raises - Failed: DID NOT RAISE <class 'ValueError'>
        ERROR tests/test_core.py::test_fixture - RuntimeError: fixture exploded
        ERROR tests/test_core.py::test_teardown - ValueError: teardown broke
        11 failed, 1 passed, 1 skipped, 1 xfailed, 2 errors in 5.71s
        """#

    static let collectionXML = #"""
        <?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="2" failures="0" skipped="0" tests="2" time="1.311" timestamp="2026-12-01T10:03:59.111197+00:00" hostname="vm"><testcase classname="" name="tests.test_missing" file="tests/test_missing.py" time="0.000"><error message="collection failure">ImportError while importing test module '/tmp/fx/tests/test_missing.py'.
        Hint: make sure your test modules/packages have valid Python names.
        Traceback:
        /root/.pyenv/versions/3.11.7/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        tests/test_missing.py:1: in &lt;module&gt;
            import nothere
        E   ModuleNotFoundError: No module named 'nothere'</error></testcase><testcase classname="" name="tests.test_syntax" file="tests/test_syntax.py" time="0.000"><error message="collection failure">/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/python.py:507: in importtestmodule
            mod = import_path(
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/pathlib.py:587: in import_path
            importlib.import_module(module_name)
        /root/.pyenv/versions/3.11.7/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        &lt;frozen importlib._bootstrap&gt;:1204: in _gcd_import
            ???
        &lt;frozen importlib._bootstrap&gt;:1176: in _find_and_load
            ???
        &lt;frozen importlib._bootstrap&gt;:1147: in _find_and_load_unlocked
            ???
        &lt;frozen importlib._bootstrap&gt;:690: in _load_unlocked
            ???
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/assertion/rewrite.py:188: in exec_module
            source_stat, co = _rewrite_test(fn, self.config)
                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/assertion/rewrite.py:357: in _rewrite_test
            tree = ast.parse(source, filename=strfn)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        /root/.pyenv/versions/3.11.7/lib/python3.11/ast.py:50: in parse
            return compile(source, filename, mode, flags,
        E     File "/tmp/fx/tests/test_syntax.py", line 1
        E       def test_x(:
        E                  ^
        E   SyntaxError: invalid syntax</error></testcase></testsuite></testsuites>
        """#

    static let collectionTerminal = #"""

        ================================================================================================ ERRORS ================================================================================================
        ________________________________________________________________________________ ERROR collecting tests/test_missing.py ________________________________________________________________________________
        ImportError while importing test module '/tmp/fx/tests/test_missing.py'.
        Hint: make sure your test modules/packages have valid Python names.
        Traceback:
        /root/.pyenv/versions/3.11.7/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        tests/test_missing.py:1: in <module>
            import nothere
        E   ModuleNotFoundError: No module named 'nothere'
        ________________________________________________________________________________ ERROR collecting tests/test_syntax.py _________________________________________________________________________________
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/python.py:507: in importtestmodule
            mod = import_path(
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/pathlib.py:587: in import_path
            importlib.import_module(module_name)
        /root/.pyenv/versions/3.11.7/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        <frozen importlib._bootstrap>:1204: in _gcd_import
            ???
        <frozen importlib._bootstrap>:1176: in _find_and_load
            ???
        <frozen importlib._bootstrap>:1147: in _find_and_load_unlocked
            ???
        <frozen importlib._bootstrap>:690: in _load_unlocked
            ???
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/assertion/rewrite.py:188: in exec_module
            source_stat, co = _rewrite_test(fn, self.config)
                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/assertion/rewrite.py:357: in _rewrite_test
            tree = ast.parse(source, filename=strfn)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        /root/.pyenv/versions/3.11.7/lib/python3.11/ast.py:50: in parse
            return compile(source, filename, mode, flags,
        E     File "/tmp/fx/tests/test_syntax.py", line 1
        E       def test_x(:
        E                  ^
        E   SyntaxError: invalid syntax
        ======================================================================================= short test summary info ========================================================================================
        ERROR tests/test_missing.py
        ERROR tests/test_syntax.py
        !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!! Interrupted: 2 errors during collection !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
        2 errors in 4.76s
        """#

    static let conftestTerminal = #"""
        ImportError while loading conftest '/tmp/fx2/tests/conftest.py'.
        tests/conftest.py:1: in <module>
            import nothere
        E   ModuleNotFoundError: No module named 'nothere'
        """#
    /// A conftest.py in tests/sub that imports a missing module, collected as part of `pytest tests` (root /tmp/fx3).
    static let directoryCollectionXML = #"""
        <?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="1" failures="0" skipped="0" tests="1" time="0.636" timestamp="2026-12-01T10:32:46.251413+00:00" hostname="vm"><testcase classname="" name="tests.sub" file="tests/sub" time="0.000"><error message="collection failure">/root/.pyenv/versions/3.11.7/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        &lt;frozen importlib._bootstrap&gt;:1204: in _gcd_import
            ???
        &lt;frozen importlib._bootstrap&gt;:1176: in _find_and_load
            ???
        &lt;frozen importlib._bootstrap&gt;:1147: in _find_and_load_unlocked
            ???
        &lt;frozen importlib._bootstrap&gt;:690: in _load_unlocked
            ???
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/assertion/rewrite.py:197: in exec_module
            exec(co, module.__dict__)
        tests/sub/conftest.py:1: in &lt;module&gt;
            import nothere
        E   ModuleNotFoundError: No module named 'nothere'</error></testcase></testsuite></testsuites>
        """#

    /// The terminal output of the same run.
    static let directoryCollectionTerminal = #"""

        ================================================================================================ ERRORS ================================================================================================
        ______________________________________________________________________________________ ERROR collecting tests/sub ______________________________________________________________________________________
        /root/.pyenv/versions/3.11.7/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        <frozen importlib._bootstrap>:1204: in _gcd_import
            ???
        <frozen importlib._bootstrap>:1176: in _find_and_load
            ???
        <frozen importlib._bootstrap>:1147: in _find_and_load_unlocked
            ???
        <frozen importlib._bootstrap>:690: in _load_unlocked
            ???
        /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/_pytest/assertion/rewrite.py:197: in exec_module
            exec(co, module.__dict__)
        tests/sub/conftest.py:1: in <module>
            import nothere
        E   ModuleNotFoundError: No module named 'nothere'
        ======================================================================================= short test summary info ========================================================================================
        ERROR tests/sub - ModuleNotFoundError: No module named 'nothere'
        !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
        1 error in 3.06s
        """#
}
