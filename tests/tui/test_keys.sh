#!/bin/sh
# test_keys -- the keys agree everywhere: the ? help of the reader (built
# from the bind table, config.c's defaults), the man page's table of
# actions with their default keys, its KEYS section, and the README's
# table of keys.
. "$(dirname "$0")/lib.sh"

tui_init
tui_route /feed/ "{\"body_file\": \"$TESTS_DATA/tui/ifp-feed.xml\"}"
# Tall enough for the whole help on one screen.
tui_start -x 100 -y 60 -- "$BASE/feed/"
tui_wait '12 posts' 10
tui_keys '?'
tui_wait 'mouse +wheel scrolls' 5
ok $? "? shows the whole help"
tui_screen >"$TMPD/help"
tui_keys q Q
tui_wait_dead 5
ok $? "the reader quits"

python3 - "$TMPD/help" "$TOP/man/ifpnews.1" "$TOP/README.md" <<'PY'
import re, sys
from collections import Counter

help_lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
man = open(sys.argv[2], encoding="utf-8").read()

def name(k):
    return k.replace("\\&", "").strip()

# The help: "  KEYS, KEYS    what it does", up to the first blank line
# after the title.
groups_help = []
for line in help_lines[help_lines.index(" Keys") + 2:]:
    if not line.strip():
        break
    m = re.match(r"^   (\S.*?)\s{2,}\S", line)
    groups_help.append(frozenset(k.strip() for k in m.group(1).split(", ")))

# The man page's actions: ".It Cm up , down" then ".Ic k , Up ;" and
# ".Ic j , Down ." (one group per action, ';' between them).
table = man[man.index("with their default keys:"):]
table = table[:table.index(".El")]
groups_man = []
cur = []
for line in table.splitlines():
    if not line.startswith(".Ic "):
        continue
    for tok in line[4:].split():
        if tok in (";", "."):
            groups_man.append(frozenset(cur))
            cur = []
        elif tok != ",":
            cur.append(name(tok))

# The KEYS section: every key named in its tags.
keys = man[man.index(".Sh KEYS"):man.index(".Sh CONFIGURATION")]
named = set()
for line in keys.splitlines():
    if line.startswith(".It ") and " Ar " not in line and "Ar n" not in line:
        named |= {name(t) for t in re.findall(r"Ic (\S+)", line)}

h, m = Counter(groups_help), Counter(groups_man)
for g in h - m:
    print("# in the help, not in the man page's table: " + ", ".join(sorted(g)))
for g in m - h:
    print("# in the man page's table, not in the help: " + ", ".join(sorted(g)))
all_help = set().union(*groups_help)
for k in sorted(all_help - named):
    print("# bound, but not in KEYS: " + k)
for k in sorted(named - all_help):
    print("# in KEYS, but not bound: " + k)
# The README's table of keys: its first column, "`j` `k`, Down Up".
readme = open(sys.argv[3], encoding="utf-8").read()
table = readme[readme.index("## Keys"):]
table = table[:table.index("\n\n", table.index("| keys |"))]
alias = {"PgDn": "PageDown", "PgUp": "PageUp"}
in_readme = set()
for line in table.splitlines():
    if not line.startswith("| ") or line.startswith("| keys |"):
        continue
    cell = line.split(" | ")[0].lstrip("| ")
    for tok in re.split(r"[ ,]+", cell.replace("`", " ")):
        if tok and tok not in ("then", "digits"):
            in_readme.add(alias.get(tok, tok))
for k in sorted(all_help - in_readme):
    print("# bound, but not in the README's keys: " + k)
for k in sorted(in_readme - all_help):
    print("# in the README's keys, but not bound: " + k)
sys.exit(1 if h != m or all_help != named or all_help != in_readme or
         len(groups_help) < 20 else 0)
PY
ok $? "the help, the man page's table of actions and KEYS, and the README name the same keys"

tui_done
