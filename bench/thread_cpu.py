#!/usr/bin/env python3
"""Runs a command and measures the CPU time of its threads whose names start with a prefix (Linux /proc).

    bench/thread_cpu.py PREFIX OUT_FILE -- command [args...]

BN Lab names a training thread bnlab-run-<i> while it trains run i (and bnlab-idle, bnlab-run-lane<i> before
and after), so PREFIX bnlab-run- gives the CPU seconds spent training, apart from the JIT compiler, GC and
start-up threads. Threads are sampled every 0.1 s; CPU time is counted while a thread carried a matching
name at the start of a sampling interval, so a rename costs at most one interval. Writes the seconds (2
decimals) to OUT_FILE and exits with the command's exit code. The command must run the JVM in its own
process (./bnlab execs java; a shell function calling java does too).
"""
import os
import subprocess
import sys
import time

if len(sys.argv) < 5 or sys.argv[3] != "--":
    sys.exit(__doc__)
prefix, out = sys.argv[1], sys.argv[2]
hz = os.sysconf("SC_CLK_TCK")
proc = subprocess.Popen(sys.argv[4:])
last = {}  # tid -> (name, cpu seconds) at the previous sample
total = 0.0
while True:
    done = proc.poll() is not None
    try:
        tids = os.listdir("/proc/%d/task" % proc.pid)
    except OSError:
        tids = []
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/stat" % (proc.pid, tid)) as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended between listdir and open
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / hz  # utime + stime
        if tid in last and last[tid][0].startswith(prefix):
            total += cpu - last[tid][1]
        last[tid] = (name, cpu)
    if done:
        break
    time.sleep(0.1)
with open(out, "w") as f:
    f.write("%.2f\n" % total)
sys.exit(proc.returncode)
