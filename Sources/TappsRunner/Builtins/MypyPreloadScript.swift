/// The Python program behind mypy's warm start (see ``MypyPreload``): a client that hands one mypy run to a server
/// which has already imported mypy, and that server. Written to a private directory and run by the tool's own
/// interpreter; every doubt ends in `os.execv` of the plain `mypy` script.
enum MypyPreloadScript {
    static let source = #"""
# git-tapps: mypy's warm start. Written and run by git-tapps as `PYTHON -S -E THIS TOOL ARGS...`, where TOOL is a
# `mypy` console script and PYTHON the interpreter of its `#!` line.
#
# It runs TOOL with ARGS exactly as executing TOOL would, but in a process forked from a server that has already
# imported mypy, so a run skips mypy's start-up (about a quarter of a second). The server is started on the first
# run and ends after IDLE_SECONDS without a request, as soon as its interpreter's packages change, or when its
# socket is removed (within WAKE_SECONDS); its process id is in the socket's `.lock` file. Whenever the server is
# missing, still starting or unusable, this execs TOOL itself: the run is then the plain one, only slower.
import os
import sys

PROTOCOL = b"git-tapps mypy preload 1"
IDLE_SECONDS = 900
WAKE_SECONDS = 15  # how often an idle server looks whether its socket is still its own
RETRY_SECONDS = 3600
# The environment a Python start-up and mypy's import read; a server serves only requests that agree on it. Every
# other variable is read when mypy runs, from the request's own environment.
KEYED_NAMES = ("HOME", "LANG", "LANGUAGE", "XDG_CONFIG_HOME")
KEYED_PREFIXES = ("PYTHON", "LC_", "MYPY")


def run_directly(tool, arguments):
    os.execv(tool, [tool] + arguments)


def keyed_environment(environ):
    return sorted((name, value) for name, value in environ.items()
                  if name in KEYED_NAMES or name.startswith(KEYED_PREFIXES))


def socket_path(interpreter, tool):
    import zlib
    # The script's own name carries its content's hash: a newer git-tapps never talks to an older server. The
    # name only routes; the server checks the request's interpreter set-up itself.
    identity = repr((PROTOCOL, os.path.basename(__file__), interpreter, os.path.realpath(tool),
                     keyed_environment(os.environ))).encode("utf-8", "surrogateescape")
    directory = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(directory, "mypy-%08x%08x.sock" % (zlib.crc32(identity), zlib.adler32(identity)))


def start_server(interpreter, tool, path):
    try:
        if os.stat(path + ".failed").st_mtime > __import__("time").time() - RETRY_SECONDS:
            return
    except OSError:
        pass
    import subprocess
    try:
        subprocess.Popen([interpreter, os.path.abspath(__file__), "--serve", tool, path], cwd="/",
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:
        pass


def netstrings(fields):
    return b"".join(b"%d:%s," % (len(field), field) for field in fields)


def read_line(connection):
    line = b""
    while not line.endswith(b"\n"):
        more = connection.recv(64)
        if not more:
            return b""
        line += more
    return line


def client(tool, arguments):
    # Only C modules here (no socket, signal or json, which import enum and re): this runs on every commit.
    # git-tapps runs this with the interpreter of TOOL's `#!` line, so that is sys.executable.
    interpreter = sys.executable
    if not interpreter or sys.version_info < (3, 9):
        run_directly(tool, arguments)
    import _signal
    import _socket
    path = socket_path(interpreter, tool)
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.connect(path)
    except OSError:
        connection.close()
        start_server(interpreter, tool, path)
        run_directly(tool, arguments)
    mask = os.umask(0o022)
    os.umask(mask)
    argv = [os.fsencode(argument) for argument in [tool] + arguments]
    environment = [key + b"=" + value for key, value in os.environb.items()]
    request = netstrings([b"%d" % len(argv)] + argv + [os.fsencode(os.getcwd()), b"%d" % mask,
                                                      b"%d" % len(environment)] + environment)
    try:
        connection.settimeout(10)
        connection.sendmsg([PROTOCOL + b"\n%d\n" % len(request)],
                           [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS,
                             b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in (0, 1, 2)))])
        connection.sendall(request)
        answer = read_line(connection)
        connection.settimeout(None)
    except OSError:
        answer = b""
    if not answer.startswith(b"P"):
        # Declined (the server's packages or set-up differ) or gone before mypy started: run it here.
        connection.close()
        run_directly(tool, arguments)
    child = int(answer[1:])

    def forward(number, frame):
        try:
            os.kill(child, number)
        except OSError:
            pass
    for number in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP, _signal.SIGQUIT):
        _signal.signal(number, forward)
    status = read_line(connection)
    if not status.startswith(b"X"):
        sys.stderr.write("git-tapps: mypy's preloaded process ended without an exit status\n")
        os._exit(2)
    code = int(status[1:])
    if code < 0:
        _signal.signal(-code, _signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        os._exit(128 - code)
    os._exit(code)


def watched_paths(tool):
    """What the server's state came from: the script, the site directories (a new `.pth` or package changes
    them), and every module file it has imported (an upgrade or an edit in place changes those)."""
    import site
    paths = [tool] + list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        paths.append(site.getusersitepackages())
    modules = [getattr(module, "__file__", None) for name, module in list(sys.modules.items()) if name != "__main__"]
    paths += sorted({os.path.dirname(name) for name in modules if name} | {name for name in modules if name})
    return paths


def fingerprint(paths):
    result = []
    for entry in paths:
        try:
            info = os.stat(entry)
            result.append((entry, info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size))
        except OSError:
            result.append((entry,))
    return result


def parse_netstrings(data):
    fields = []
    position = 0
    while position < len(data):
        colon = data.index(b":", position)
        length = int(data[position:colon])
        end = colon + 1 + length
        if data[end:end + 1] != b",":
            raise ValueError("a malformed request")
        fields.append(data[colon + 1:end])
        position = end + 1
    return fields


def read_request(connection):
    """The request's argv, cwd, umask and environment (bytes), and its three standard streams."""
    import socket
    connection.settimeout(10)
    message, fds, _, _ = socket.recv_fds(connection, 4096, 3)
    try:
        header, length, body = message.split(b"\n", 2)
        if header != PROTOCOL or len(fds) != 3:
            raise ValueError("not a request")
        while len(body) < int(length):
            more = connection.recv(int(length) - len(body))
            if not more:
                raise ValueError("a short request")
            body += more
        connection.settimeout(None)
        fields = parse_netstrings(body)
        count = int(fields[0])
        argv, rest = fields[1:1 + count], fields[1 + count:]
        cwd, umask, variables = rest[0], int(rest[1]), rest[3:3 + int(rest[2])]
        environment = dict(variable.split(b"=", 1) for variable in variables)
        return {"argv": argv, "cwd": cwd, "umask": umask, "env": environment}, fds
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise


def run_child(tool, request, fds):
    import io
    import runpy
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    try:
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        os.environb.clear()
        os.environb.update(request["env"])
        for number, name in ((1, "stdout"), (2, "stderr")):
            old = getattr(sys, name)
            stream = io.TextIOWrapper(io.FileIO(number, "w", closefd=False), encoding=old.encoding, errors=old.errors,
                                      line_buffering=number == 2 or os.isatty(number), write_through=number == 2)
            setattr(sys, name, stream)
            setattr(sys, "__%s__" % name, stream)
        sys.argv = [os.fsdecode(argument) for argument in request["argv"]]
        runpy.run_path(tool, run_name="__main__")
        code = 0
    except SystemExit as ending:
        code = ending.code
    except BaseException:
        import traceback
        traceback.print_exc()
        code = 2
    try:
        if code is not None and not isinstance(code, int):
            sys.stderr.write("%s\n" % code)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit((code or 0) & 0xFF)


def serve(tool, path):
    import fcntl
    import selectors
    import signal
    import socket
    lock = open(path + ".lock", "a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another server is starting or running
    lock.truncate(0)
    lock.write("%d\n" % os.getpid())
    lock.flush()
    try:
        sys.path[0] = os.path.dirname(os.path.realpath(tool))
        import mypy.__main__  # noqa: F401  (what the console script imports)
        import mypy.main  # noqa: F401
        import mypy.build  # noqa: F401
        # What every run would otherwise import for itself: the sqlite cache, the native parser, sysconfig's data
        # (about 7 ms a run with mypy 2.4). Missing ones are simply left to the run.
        for name in ("sqlite3", "mypy.nativeparse"):
            try:
                __import__(name)
            except Exception:
                pass
        __import__("sysconfig").get_config_vars()
        watched = watched_paths(tool)
        start = fingerprint(watched)
        own_keys = keyed_environment(os.environ)
        real_tool = os.path.realpath(tool)
        temporary = "%s.%d" % (path, os.getpid())
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(temporary)
        listener.listen(16)
        os.rename(temporary, path)
    except BaseException:
        with open(path + ".failed", "w"):
            pass
        return
    identity = os.stat(path).st_ino
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda number, frame: None)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(wake_read, selectors.EVENT_READ, "child")
    children = {}  # pid -> the client's connection

    def forget(connection):
        try:
            selector.unregister(connection)
        except (KeyError, ValueError):
            pass

    def reap():
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            connection = children.pop(pid, None)
            if connection is None:
                continue
            forget(connection)
            try:
                connection.sendall(b"X%d\n" % os.waitstatus_to_exitcode(status))
            except OSError:
                pass
            connection.close()

    def accept():
        """False once this server must stop taking requests."""
        try:
            connection, _ = listener.accept()
        except OSError:
            return True
        try:
            request, fds = read_request(connection)
        except (OSError, ValueError, IndexError):
            connection.close()
            return True
        decoded = {os.fsdecode(key): os.fsdecode(value) for key, value in request["env"].items()}
        if keyed_environment(decoded) != own_keys or os.path.realpath(os.fsdecode(request["argv"][0])) != real_tool:
            for fd in fds:
                os.close(fd)
            connection.close()  # another set-up that only shares this socket's name: the client runs mypy itself
            return True
        if fingerprint(watched) != start:
            for fd in fds:
                os.close(fd)
            connection.close()  # the client runs mypy itself; the next one starts a fresh server
            return False
        pid = os.fork()
        if pid == 0:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for owned in (listener, connection, lock):
                owned.close()
            selector.close()
            os.close(wake_read)
            os.close(wake_write)
            run_child(tool, request, fds)
        for fd in fds:
            os.close(fd)
        children[pid] = connection
        selector.register(connection, selectors.EVENT_READ, "client")
        try:
            connection.sendall(b"P%d\n" % pid)
        except OSError:
            pass
        return True

    def client_gone(connection):
        # Readable means closed: the client was killed, and its mypy must not run on.
        forget(connection)
        for pid, owner in list(children.items()):
            if owner is connection:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def still_ours():
        try:
            return os.stat(path).st_ino == identity
        except OSError:
            return False

    import time
    serving = True
    last_request = time.monotonic()
    try:
        while serving or children:
            events = selector.select(timeout=None if children else WAKE_SECONDS)
            if not events and not children and time.monotonic() - last_request > IDLE_SECONDS:
                break
            for key, _ in events:
                if key.data == "accept":
                    last_request = time.monotonic()
                    serving = serving and accept()
                elif key.data == "child":
                    try:
                        os.read(wake_read, 512)
                    except OSError:
                        pass
                else:
                    client_gone(key.fileobj)
            reap()
            if serving and not still_ours():
                serving = False
            if not serving and listener.fileno() >= 0:
                # Stop taking requests at once, so that no client waits on a server that will not answer.
                forget(listener)
                if still_ours():
                    os.unlink(path)
                listener.close()
    finally:
        if listener.fileno() >= 0 and still_ours():
            os.unlink(path)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"] and len(sys.argv) == 4:
        serve(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 2:
        client(sys.argv[1], sys.argv[2:])
    else:
        sys.stderr.write("usage: python -S -E mypy-preload.py TOOL [ARGS...]\n")
        sys.exit(2)
"""#
}
