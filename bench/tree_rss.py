#!/usr/bin/env python3
"""Runs a command and measures its wall time and the peak resident memory of its whole process tree.

    bench/tree_rss.py OUT_FILE -- command [args...]

Every 0.2 s it finds the command's process and all its descendants (e.g. the child JVM that `java -jar`
starts) in /proc (Linux) and keeps each one's VmHWM, the kernel's record of that process's own peak RSS,
so no peak falls between samples. The result is the sum of those peaks: an upper bound on the tree's
peak, exact when the processes peak together (the parent JVM that waits for its child stays flat), and
it counts pages two processes share twice. Writes "wall_seconds peak_rss_mib" to OUT_FILE and exits
with the command's exit code (128 + N if a signal N ended it).
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


def record_peaks(root, peaks):
    """Updates peaks (pid -> VmHWM in KiB) for root and its descendants."""
    kids, todo = children(), [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open("/proc/%d/status" % pid) as f:
                hwm = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
        except OSError:
            continue
        peaks[pid] = max(peaks.get(pid, 0), hwm)


if len(sys.argv) < 4 or sys.argv[2] != "--":
    sys.exit(__doc__)
t0 = time.monotonic()
proc = subprocess.Popen(sys.argv[3:])
peaks = {}
while proc.poll() is None:
    record_peaks(proc.pid, peaks)
    time.sleep(0.2)
wall = time.monotonic() - t0
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d\n" % (wall, sum(peaks.values()) // 1024))
rc = proc.returncode
sys.exit(128 - rc if rc < 0 else rc)
