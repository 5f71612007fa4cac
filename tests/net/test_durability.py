#!/usr/bin/env python3
"""Durability: kill -9 at random moments while the read marks and a cache
entry are being written (tests/net/hammer.c, which links the real state and
cache modules), at least 200 times.  Afterwards every file loads without
a warning, every read mark saved before the last completed write is there,
and the cache entry is the last completed generation or a later one.
Then: corrupt state files are reported once, moved aside, and the program
goes on.
"""
import os
import random
import select
import signal
import subprocess
import tempfile
import time

from netlib import IFPNEWS, Tap

HAMMER = os.path.join(os.path.dirname(IFPNEWS), "tests", "hammer")
KILLS = 220

t = Tap()
root = tempfile.mkdtemp(prefix="ifpn-dur-")
sdir = os.path.join(root, "state")
cdir = os.path.join(root, "cache")
rng = random.Random(20241130)

last = 0
mid = 0      # kills that landed after at least one write of that run
check_fail = None
for k in range(KILLS):
    p = subprocess.Popen([HAMMER, "write", sdir, cdir, str(last + 1)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = b""
    if k % 2:
        # Half the runs are killed only once a write has completed, so
        # that a loaded machine (slow process start) still sees kills
        # between and inside later writes.
        if select.select([p.stdout], [], [], 10)[0]:
            first = p.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.02))
    else:
        time.sleep(rng.uniform(0.0, 0.01))
    p.send_signal(signal.SIGKILL)
    out, err = p.communicate()
    done = [int(x) for x in (first + out).split()]
    if done:
        last = max(last, max(done))
        mid += 1
    if p.returncode != -signal.SIGKILL and check_fail is None:
        check_fail = "writer ended by itself: %r %r" % (p.returncode, err)
    # Every 20 kills, and at the end, everything must load cleanly.
    if k % 20 == 19 and check_fail is None and last > 0:
        c = subprocess.run([HAMMER, "check", sdir, cdir, str(last)],
                           capture_output=True, text=True)
        if c.returncode != 0:
            check_fail = "after kill %d (last write %d): %s" % (
                k + 1, last, c.stdout + c.stderr)

t.ok(check_fail is None, "%d kill -9 during writes: the state and the cache "
     "always load, and no completed write is lost" % KILLS, check_fail)
t.ok(last >= 50 and mid >= 40 and KILLS - mid >= 40,
     "the kills landed between and inside writes (%d writes completed, "
     "%d runs killed after their first write)" % (last, mid))
c = subprocess.run([HAMMER, "check", sdir, cdir, str(last)],
                   capture_output=True, text=True)
t.ok(c.returncode == 0, "after the last kill: all %d read marks are there "
     "and the cache holds generation %d or later" % (last, last),
     c.stdout + c.stderr)
names = sorted(os.listdir(sdir))
t.ok(".tmp." not in "".join(names) and "read" in names,
     "temporary files of killed writers are swept on the next open", names)
mode = os.stat(os.path.join(sdir, "read")).st_mode & 0o777
dmode = os.stat(sdir).st_mode & 0o777
t.ok(mode == 0o600 and dmode == 0o700,
     "the state file is 0600 and its directory 0700 (%o, %o)" % (mode, dmode))

# Two writers at once never lose each other's marks.
sdir2 = os.path.join(root, "state2")
procs = [subprocess.Popen([HAMMER, "mark", sdir2] +
                          ["w%d-%d" % (w, i) for i in range(20)])
         for w in range(4)]
for p in procs:
    p.wait()
ids = ["w%d-%d" % (w, i) for w in range(4) for i in range(20)]
c = subprocess.run([HAMMER, "isread", sdir2] + ids, capture_output=True,
                   text=True)
t.ok(c.stdout.count(" read\n") == 80 and "warning" not in c.stdout,
     "four instances saving at once: all 80 marks are kept", c.stdout)


def corrupt_case(name, make):
    d = os.path.join(root, "corrupt-" + name)
    subprocess.run([HAMMER, "mark", d, "kept"], check=True)
    path = os.path.join(d, "read")
    make(path)
    c1 = subprocess.run([HAMMER, "isread", d, "kept"], capture_output=True,
                        text=True)
    c2 = subprocess.run([HAMMER, "isread", d, "kept"], capture_output=True,
                        text=True)
    aside = os.path.exists(path + ".corrupt")
    c3 = subprocess.run([HAMMER, "mark", d, "new"], capture_output=True,
                        text=True)
    c4 = subprocess.run([HAMMER, "isread", d, "new"], capture_output=True,
                        text=True)
    t.ok(c1.returncode == 0 and c1.stdout.startswith("warning: ") and
         "corrupt" in c1.stdout and c1.stdout.endswith("kept unread\n")
         and c2.stdout == "kept unread\n" and aside and
         c3.returncode == 0 and c4.stdout == "new read\n",
         "a %s state file is reported once, moved aside, and the marks "
         "start afresh" % name, [c1.stdout, c2.stdout, aside, c3.stdout,
                                 c4.stdout])


def truncate(path):
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) - 3)


def garbage(path):
    with open(path, "wb") as f:
        f.write(bytes(rng.randrange(256) for _ in range(300)))


def empty(path):
    open(path, "wb").close()


def flipped(path):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        data[-2] ^= 0x40
        f.seek(0)
        f.write(data)


def directory(path):
    os.unlink(path)
    os.mkdir(path)


corrupt_case("truncated", truncate)
corrupt_case("random-bytes", garbage)
corrupt_case("empty", empty)
corrupt_case("bit-flipped", flipped)
corrupt_case("directory-in-place", directory)

subprocess.run(["rm", "-rf", root])
t.done()
