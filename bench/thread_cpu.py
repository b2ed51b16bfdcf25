#!/usr/bin/env python3
"""Runs a command and measures the CPU time of its threads whose names match a pattern (Linux /proc).

    bench/thread_cpu.py NAME_REGEX OUT_FILE -- command [args...]

BN Lab names the thread that runs run i bnlab-run-<i> while it runs it (building the network, training,
the final test evaluation), and bnlab-run-lane<i> or bnlab-idle before and after, so 'bnlab-run-[0-9]+'
gives the CPU seconds of the runs themselves, apart from the JIT compiler, GC and start-up threads.
Threads are sampled every 0.1 s; CPU time is counted while a thread's whole name matched at the start of
a sampling interval, so a rename costs at most one interval. Writes the seconds (2 decimals) to OUT_FILE
and exits with the command's exit code (128 + N if a signal N ended it). The JVM must be the command's own
process: ./bnlab execs java, and java -jar with heap and GC options does not restart itself (BN Lab's jar
relaunches a child JVM when started without them; then no thread matches and this exits with 3).
"""
import os
import re
import subprocess
import sys
import time

if len(sys.argv) < 5 or sys.argv[3] != "--":
    sys.exit(__doc__)
pattern, out = re.compile(sys.argv[1]), sys.argv[2]
hz = os.sysconf("SC_CLK_TCK")
proc = subprocess.Popen(sys.argv[4:])
last = {}  # tid -> (name, cpu seconds) at the previous sample
total, matched = 0.0, False
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
        if tid in last and pattern.fullmatch(last[tid][0]):
            total += cpu - last[tid][1]
            matched = True
        last[tid] = (name, cpu)
    if done:
        break
    time.sleep(0.1)
with open(out, "w") as f:
    f.write("%.2f\n" % total)
rc = proc.returncode
if rc == 0 and not matched:
    print("thread_cpu.py: no thread of process %d was ever named like '%s' (did the JVM run in a child "
          "process?)" % (proc.pid, sys.argv[1]), file=sys.stderr)
    sys.exit(3)
sys.exit(128 - rc if rc < 0 else rc)
