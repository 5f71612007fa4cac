#!/usr/bin/env python3
"""test_man -- the man page is clean and says what the program does.

mandoc -Tlint and groff -ww (UTF-8 and ASCII devices) are silent on it;
its sections are those of the issue, in mdoc(7)'s order; its OPTIONS
are exactly the options of `ifpnews --help` (short and long names, paired
the same way), and so are SYNOPSIS's and the README's option table; the
ENVIRONMENT names every variable the program reads.  (The keys are
checked against the help screen in tests/tui/test_keys.sh, the settings
against the parser in tests/unit/test_config.c.)
"""
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IFPNEWS = os.environ.get("IFPNEWS", os.path.join(TOP, "ifpnews"))
MAN = os.path.join(TOP, "man", "ifpnews.1")

n = 0
failed = 0


def ok(cond, name, why=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(why).splitlines():
            print(f"# {line}")


def run(argv, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run(argv, capture_output=True, text=True, env=e, timeout=60)
    return p.returncode, p.stdout, p.stderr


man = open(MAN, encoding="utf-8").read()

# --- Lint ---
if shutil.which("mandoc"):
    rc, out, err = run(["mandoc", "-Tlint", "-Wwarning", MAN])
    ok(rc == 0 and out == "" and err == "", "mandoc -Tlint -Wwarning is silent",
       out + err)
else:
    ok(False, "mandoc -Tlint -Wwarning is silent", "mandoc is not installed")
for dev, loc in (("utf8", "C.UTF-8"), ("ascii", "C")):
    rc, out, err = run(["groff", "-mdoc", "-ww", "-z", "-T" + dev, MAN],
                       env={"LC_ALL": loc})
    ok(rc == 0 and out == "" and err == "",
       f"groff -mdoc -ww -T{dev} is silent", out + err)

# --- Sections ---
# ENVIRONMENT before FILES: mdoc(7)'s conventional order, which mandoc
# -Tlint enforces.
want = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "KEYS", "CONFIGURATION",
        "OUTPUT FORMATS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES",
        "SEE ALSO"]
got = re.findall(r"^\.Sh (.*)$", man, re.M)
ok(got == want, "the sections are " + ", ".join(want) + ", in this order",
   "got: " + ", ".join(got))


def section(name):
    m = re.search(r"^\.Sh " + re.escape(name) + r"\n(.*?)(?=^\.Sh |\Z)", man,
                  re.M | re.S)
    return m.group(1) if m else ""


# --- Options ---
rc, helptext, err = run([IFPNEWS, "--help"])
ok(rc == 0 and err == "", "ifpnews --help exits 0, silent on stderr", err)
# "  -c, --config FILE  ..." and "      --check URL  ...": the option part
# ends at two blanks or the line's end.
help_opts = set()
for line in helptext.split("\n\n")[1].splitlines():
    m = re.match(r"^  (?:(-\w), )?\s*(--[\w-]+)", line)
    if m:
        help_opts.add((m.group(1), m.group(2)))
ok(len(help_opts) >= 12, "--help lists the options", helptext)

# The man page: ".It Fl c Ar file , Fl -config Ar file" or ".It Fl -check Ar url".
man_opts = set()
for line in section("OPTIONS").splitlines():
    if not line.startswith(".It Fl "):
        continue
    flags = re.findall(r"Fl (-?[\w-]+)", line)
    short = ["-" + f for f in flags if not f.startswith("-")]
    longs = ["-" + f for f in flags if f.startswith("-")]
    man_opts.add((short[0] if short else None, longs[0] if longs else None))
missing = help_opts - man_opts
extra = man_opts - help_opts
ok(not missing and not extra,
   "OPTIONS describes exactly the options of --help, paired the same way",
   "".join(f"in --help, not in OPTIONS: {o}\n" for o in sorted(missing, key=str)) +
   "".join(f"in OPTIONS, not in --help: {o}\n" for o in sorted(extra, key=str)))

# SYNOPSIS: every short option, and every long one without a short name.
syn = section("SYNOPSIS")
syn_flags = set()
for m in re.finditer(r"Fl (-?[\w-]+)", syn):
    f = m.group(1)
    if f.startswith("-"):
        syn_flags.add("-" + f)
    else:
        # ".Op Fl orV" groups single letters.
        syn_flags |= {"-" + c for c in f}
need = {s if s else l for s, l in help_opts} - {"-h", "-V"} | {"-V"}
ok(need <= syn_flags, "SYNOPSIS shows every option (but -h)",
   "not in SYNOPSIS: " + ", ".join(sorted(need - syn_flags)))

# The README's option table: "| `-c, --config FILE` | ... |".
readme = open(os.path.join(TOP, "README.md"), encoding="utf-8").read()
readme_opts = set()
for m in re.finditer(r"^\| (`.*?) \|", readme, re.M):
    cell = m.group(1)
    longs = re.findall(r"(--[\w-]+)", cell)
    shorts = re.findall(r"(?<![\w-])(-\w)\b", cell)
    for i, l in enumerate(longs):
        readme_opts.add((shorts[i] if i < len(shorts) else None, l))
missing = help_opts - readme_opts
ok(not missing, "the README's option table has every option of --help",
   "".join(f"not in the README: {o}\n" for o in sorted(missing, key=str)))

# --- Environment ---
env = section("ENVIRONMENT")
names = set(re.findall(r"Ev ([A-Za-z_]+)", env)) | \
    set(re.findall(r", ([A-Za-z_]+)", env))
want_env = {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "BROWSER",
            "NO_COLOR", "IFPNEWS_NOW", "http_proxy", "https_proxy", "no_proxy"}
ok(want_env <= names, "ENVIRONMENT names " + ", ".join(sorted(want_env)),
   "missing: " + ", ".join(sorted(want_env - names)))

# Every getenv() of the sources is documented there.
src = os.path.join(TOP, "src")
read = set()
for f in os.listdir(src):
    if f.endswith(".c"):
        text = open(os.path.join(src, f), encoding="utf-8").read()
        read |= set(re.findall(r'getenv\("([A-Za-z_]+)"\)', text))
undocumented = read - names - {"HOME", "TERM", "PATH"}
ok(not undocumented, "every variable the sources read is in ENVIRONMENT",
   "undocumented: " + ", ".join(sorted(undocumented)))

print(f"1..{n}")
sys.exit(1 if failed else 0)
