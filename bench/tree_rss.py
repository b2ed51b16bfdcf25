#!/usr/bin/env python3
"""Runs a command and measures its wall time and the peak resident memory of its whole process tree.

    bench/tree_rss.py OUT_FILE -- command [args...]

The RSS of the command's process and all its descendants (e.g. the child JVM that `java -jar` starts) is
summed every 0.2 s from /proc (Linux). Writes "wall_seconds peak_rss_mib" to OUT_FILE and exits with the
command's exit code.
"""
import os
import subprocess
import sys
import time


def children():
    """parent pid -> child pids, for every process."""
    kids = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/stat" % p) as f:
                    stat = f.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            kids.setdefault(ppid, []).append(int(p))
    return kids


def tree_rss_kib(root):
    kids, total, todo = children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open("/proc/%d/status" % pid) as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


if len(sys.argv) < 4 or sys.argv[2] != "--":
    sys.exit(__doc__)
t0 = time.monotonic()
proc = subprocess.Popen(sys.argv[3:])
peak = 0
while proc.poll() is None:
    peak = max(peak, tree_rss_kib(proc.pid))
    time.sleep(0.2)
wall = time.monotonic() - t0
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d\n" % (wall, peak // 1024))
sys.exit(proc.returncode)
