"""Timing of whole processes and of a terminal UI's first screen.

Used by bench.py; standard library only.

Programs of one row run interleaved: every warm-up round, then every
timed round, runs each program once, the order rotating from round to
round, so that a change in the machine's load touches every program of
the row alike and no program always runs right after the same other one.

Processes (measure): each timed run is a direct child (posix_spawn, stdout
to /dev/null): wall clock from spawn to wait4, CPU = user + system time
from wait4's rusage.  Peak RSS comes from the warm-up runs, which run
under GNU time (%M): a child spawned by this Python would inherit the
interpreter's ~10 MB high-water mark into its ru_maxrss (Linux keeps the
old image's peak across exec), whereas the child GNU time forks has only
time's own ~1 MB; the timed runs skip time, which would add an exec to
each.

First screen (first_screen): one private tmux server (-L, -f /dev/null)
with one pane, driven by a control-mode client (no process per command).
Each run opens a new pane (window) with a script that does
    echo $EPOCHREALTIME >T0; PROGRAM ARGS...; times >CPU
so the clock starts in the pane right before the program's fork and exec;
then, every time the pane prints (tmux's %output notice), the screen is
captured until the program's pattern matches it, and the time is taken
when that capture's answer arrives (a round trip on the control pipe,
well under a millisecond).  Then the quit keys go in and the run waits
for the program to exit.  CPU is what bash's `times` reports for its
child (ms resolution; GNU time's is 10 ms): the whole session, start,
first screen and quit.  Peak RSS comes from the warm-up runs, where GNU
time runs the program.
"""
import os
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import time

GNU_TIME = "/usr/bin/time"


class Program:
    """One program of a row: its label, argv, and how to run it."""

    def __init__(self, label, argv, env=None, stdin=None, setup=None,
                 expect=None, quit_keys=("q",)):
        self.label = label          # the table's program column
        self.argv = argv
        self.env = env or {}        # variables added to the environment
        self.stdin = stdin          # path of the standard input, or None
        self.setup = setup          # called before every run, untimed
        self.expect = expect        # first_screen: regex (re.S) of the screen
        self.quit_keys = quit_keys  # first_screen: tmux send-keys arguments


class Sample:
    """What the runs of one program gave."""

    def __init__(self):
        self.walls = []             # seconds, timed runs
        self.cpus = []              # seconds, user + system
        self.rss_kb = []            # GNU time %M of the warm-up runs
        self.bad = []               # the failures, as short strings
        self.runs = 0               # timed runs attempted

    def wall(self):
        return statistics.median(self.walls) if self.walls else None

    def cpu(self):
        return statistics.median(self.cpus) if self.cpus else None

    def rss(self):
        """Peak RSS in MiB, the largest of the warm-up runs."""
        return max(self.rss_kb) / 1024.0 if self.rss_kb else None


def have_gnu_time():
    return os.access(GNU_TIME, os.X_OK)


def rounds(programs, runs, warmup):
    """(is_warmup, program) in the interleaved, rotating order."""
    k = len(programs)
    for r in range(warmup + runs):
        for j in range(k):
            yield r < warmup, programs[(r + j) % k]


def read_time_file(path, fields):
    """The numbers GNU time wrote to path (its last line), or None."""
    try:
        with open(path) as f:
            last = f.read().split("\n")
        line = [x for x in last if x.strip()][-1].split()
        return [float(x) for x in line[-fields:]]
    except (OSError, ValueError, IndexError):
        return None


def spawn_wait(argv, stdin, errfile, env):
    """Run argv once; return (wall s, cpu s, exit code)."""
    acts = [(os.POSIX_SPAWN_OPEN, 0, stdin or os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, errfile,
             os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    t0 = time.perf_counter()
    try:
        pid = os.posix_spawn(argv[0], argv, env, file_actions=acts)
    except OSError as e:
        with open(errfile, "w") as f:
            f.write("%s: %s\n" % (argv[0], e.strerror))
        return 0.0, 0.0, 127
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime, os.waitstatus_to_exitcode(status)


def first_line(path):
    try:
        with open(path, errors="replace") as f:
            return f.readline().strip()[:120]
    except OSError:
        return ""


def measure(programs, runs, warmup, env, tmpdir):
    """Time each Program as a whole process; return {label: Sample}."""
    out = {p.label: Sample() for p in programs}
    errfile = os.path.join(tmpdir, "stderr")
    tfile = os.path.join(tmpdir, "time")
    use_time = have_gnu_time()
    for warm, p in rounds(programs, runs, warmup):
        s = out[p.label]
        if p.setup:
            p.setup()
        argv = [shutil.which(p.argv[0], path=env["PATH"]) or p.argv[0]]
        argv += p.argv[1:]
        if warm and use_time:
            argv = [GNU_TIME, "-q", "-f", "%x %M", "-o", tfile] + argv
        wall, cpu, rc = spawn_wait(argv, p.stdin, errfile, dict(env, **p.env))
        if warm and use_time:
            got = read_time_file(tfile, 2)
            if got:
                rc = int(got[0])
                s.rss_kb.append(got[1])
        if rc != 0:
            s.bad.append("exit %d: %s" % (rc, first_line(errfile)))
        if not warm:
            s.runs += 1
            if rc == 0:
                s.walls.append(wall)
                s.cpus.append(cpu)
    return out


class Tmux:
    """A private tmux server with one width x height pane, for first_screen,
    driven through one control-mode client (tmux -C): a command is a line
    on its pipe, not a process, and the client is told (%output) when the
    pane prints, so the screen is read when it changes instead of in a busy
    loop that would compete with the program measured.

    It lives at most lifetime seconds: a watchdog kills it then, or as soon
    as this process is gone; close() kills it and the watchdog.
    """

    def __init__(self, sock, width, height, env, lifetime):
        self.sock = sock
        self.env = env
        subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session",
                        "-d", "-s", "bench", "-x", str(width), "-y",
                        str(height), "sleep %d" % lifetime],
                       env=env, check=True, stdin=subprocess.DEVNULL)
        watch = ("end=$(($(date +%%s) + %d)); "
                 "while kill -0 %d 2>/dev/null && [ $(date +%%s) -lt $end ]; "
                 "do sleep 1; done; tmux -L %s kill-server"
                 % (lifetime, os.getpid(), shlex.quote(sock)))
        self.watchdog = subprocess.Popen(["sh", "-c", watch], env=env,
                                         stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        self.ctl = subprocess.Popen(["tmux", "-L", sock, "-C", "attach",
                                     "-t", "bench"], env=env, bufsize=0,
                                    stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
        self.buf = b""
        self.command("set-option -g remain-on-exit on")
        self.command("set-option -g status off")

    def readline(self, deadline):
        """The client's next line (bytes), or None at the deadline."""
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.ctl.stdout], [], [],
                                              left)[0]:
                return None
            chunk = os.read(self.ctl.stdout.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("tmux control client exited")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def command(self, cmd, timeout=10):
        """Run a tmux command; its output lines (str)."""
        self.ctl.stdin.write(cmd.encode() + b"\n")
        deadline = time.monotonic() + timeout
        out = None
        while True:
            line = self.readline(deadline)
            if line is None:
                raise RuntimeError("tmux: no answer to %r" % cmd)
            if out is None:
                # The block of this client's command has flags 1.
                if line.startswith(b"%begin ") and line.endswith(b" 1"):
                    out = []
                continue
            if line.startswith((b"%end ", b"%error ")):
                return [x.decode("utf-8", "replace") for x in out]
            out.append(line)

    def wait_output(self, timeout):
        """Wait until the pane prints (or timeout s); True if it did."""
        deadline = time.monotonic() + timeout
        seen = False
        while True:
            line = self.readline(time.monotonic() if seen else deadline)
            if line is None:
                return seen
            seen = seen or line.startswith(b"%output ")

    def spawn(self, script):
        """A new window running `bash script`; the id of its pane.

        A new pane each run, killed after it: tmux up to 3.6a (at least)
        crashes on respawn-pane while a control client has not been sent
        all of the pane's output yet (tmux issue 5499).
        """
        got = self.command("new-window -d -P -F '#{pane_id}' -t bench "
                           "'exec bash %s'" % script)
        return got[0].strip()

    def kill(self, pane):
        self.command("kill-pane -t %s" % pane)

    def screen(self, pane):
        return "\n".join(self.command("capture-pane -p -t %s" % pane))

    def pane(self, pane, fmt):
        got = self.command("display-message -p -t %s '%s'" % (pane, fmt))
        return got[0].strip() if got else ""

    def close(self):
        try:
            self.ctl.stdin.close()
        except OSError:
            pass
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], env=self.env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        self.ctl.wait()
        if self.watchdog.poll() is None:
            self.watchdog.send_signal(signal.SIGTERM)
        self.watchdog.wait()


def read_times(path):
    """The children's user + system seconds of bash's `times`, or None."""
    try:
        with open(path) as f:
            lines = f.read().split("\n")
        got = re.findall(r"(\d+)m([\d.]+)s", lines[1])
        return sum(int(m) * 60 + float(x) for m, x in got)
    except (OSError, ValueError, IndexError):
        return None


def read_t0(path):
    for _ in range(200):
        try:
            with open(path) as f:
                return float(f.read().strip())
        except (OSError, ValueError):
            time.sleep(0.005)
    return None


def pane_script(path, p, argv, t0file, cpufile):
    """The script the pane runs: the clock, the program, its CPU."""
    with open(path, "w") as f:
        for k, v in sorted(p.env.items()):
            f.write("export %s=%s\n" % (k, shlex.quote(v)))
        f.write('echo "$EPOCHREALTIME" >%s\n' % shlex.quote(t0file))
        f.write(" ".join(shlex.quote(a) for a in argv) + "\n")
        f.write("s=$?\ntimes >%s\nexit $s\n" % shlex.quote(cpufile))


def first_screen(tmux, programs, runs, warmup, env, tmpdir, timeout=60):
    """Time to first screen of each Program in tmux; {label: Sample}."""
    out = {p.label: Sample() for p in programs}
    t0file = os.path.join(tmpdir, "t0")
    tfile = os.path.join(tmpdir, "time")
    cpufile = os.path.join(tmpdir, "times")
    script = os.path.join(tmpdir, "pane.sh")
    assert "'" not in script
    use_time = have_gnu_time()
    given_up = set()
    for warm, p in rounds(programs, runs, warmup):
        s = out[p.label]
        if p.label in given_up:
            continue
        if p.setup:
            p.setup()
        for f in (t0file, tfile, cpufile):
            if os.path.exists(f):
                os.unlink(f)
        argv = list(p.argv)
        if warm and use_time:
            argv = [GNU_TIME, "-q", "-f", "%x %M", "-o", tfile] + argv
        pane_script(script, p, argv, t0file, cpufile)
        pane = tmux.spawn(script)
        pat = re.compile(p.expect, re.S)
        deadline = time.monotonic() + timeout
        t1 = None
        screen = ""
        while time.monotonic() < deadline:
            screen = tmux.screen(pane)
            if pat.search(screen):
                t1 = time.time()
                break
            if not tmux.wait_output(0.2) and \
                    tmux.pane(pane, "#{pane_dead}") == "1":
                screen = tmux.screen(pane)
                break
        t0 = read_t0(t0file)
        for k in p.quit_keys:
            tmux.command("send-keys -t %s %s" % (pane, k))
        end = time.monotonic() + 10
        while time.monotonic() < end and \
                tmux.pane(pane, "#{pane_dead}") != "1":
            tmux.wait_output(0.01)
        dead = tmux.pane(pane, "#{pane_dead}") == "1"
        status = tmux.pane(pane, "#{pane_dead_status}") if dead else "?"
        tmux.kill(pane)
        if warm and use_time:
            got = read_time_file(tfile, 2)
            if got:
                s.rss_kb.append(got[1])
        if not warm:
            s.runs += 1
        if t1 is None or t0 is None:
            last = [x for x in screen.split("\n") if x.strip()]
            s.bad.append("screen never matched %r; last line: %r"
                         % (p.expect, last[-1][:80] if last else ""))
            given_up.add(p.label)     # don't wait out the timeout N times
            continue
        if not dead or status not in ("0", ""):
            s.bad.append("did not quit" if not dead else "exit " + status)
        if not warm:
            s.walls.append(t1 - t0)
            cpu = read_times(cpufile)
            if cpu is not None:
                s.cpus.append(cpu)
    return out
