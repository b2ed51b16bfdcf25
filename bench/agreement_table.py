"""The agreement table of bench/agreement.sh: BN Lab (Nesterov, classical momentum) against the notebook's PyTorch
code, over seeds.

    agreement_table.py RESULTS_DIR

RESULTS_DIR holds bnlab-nesterov/summary.json, bnlab-momentum/summary.json (BN Lab's results folders) and
pytorch/seed-*.json (bench/notebook_pytorch.py --json). Writes RESULTS_DIR/table.md and
RESULTS_DIR/accuracies.csv (every seed's accuracy) and prints the table.

Statistics, with the standard library only (the same numbers with scipy, checked below when scipy is there):
- per network: mean test accuracy with its 95 % Student-t interval, mean +- t(0.975, n-1) sd / sqrt(n);
- the BN gap: BN - plain per seed within one implementation (paired by seed; in BN Lab the two networks of a seed
  share data order and initial weights, in PyTorch they do not, as in the notebook), its mean and t-interval;
- BN Lab against PyTorch: Welch's unequal-variance t-test, two-sided, with the Welch-Satterthwaite degrees of
  freedom, and the 95 % interval of the difference of the means on the same degrees of freedom.
"""
import csv
import glob
import json
import math
import os
import sys


# ---- Student's t distribution, from the regularised incomplete beta function ----

def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz), Numerical Recipes 6.4."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            return h
    raise ArithmeticError("incomplete beta: no convergence")


def betainc(a, b, x):
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_two_sided_p(t, df):
    """P(|T| >= |t|) for Student's t with df degrees of freedom (df need not be an integer)."""
    return betainc(df / 2.0, 0.5, df / (df + t * t))


def t_quantile(q, df):
    """The q-quantile (q > 0.5) of Student's t, by bisection on the two-sided tail."""
    tail = 2 * (1 - q)
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > tail:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_two_sided_p(mid, df) > tail:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# ---- summaries ----

def mean(xs):
    return sum(xs) / len(xs)


def sd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def interval(xs):
    """(mean, half-width of the 95 % t-interval, sd)."""
    n = len(xs)
    s = sd(xs)
    return mean(xs), t_quantile(0.975, n - 1) * s / math.sqrt(n), s


def welch(a, b):
    """Welch's t-test of mean(a) - mean(b): (difference, t, df, two-sided p, half-width of its 95 % interval)."""
    va, vb = sd(a) ** 2 / len(a), sd(b) ** 2 / len(b)
    se = math.sqrt(va + vb)
    diff = mean(a) - mean(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    t = diff / se
    return diff, t, df, t_two_sided_p(t, df), t_quantile(0.975, df) * se


def paired(a, b):
    """Paired t-test of a - b, seed by seed: (mean difference, half-width of its 95 % interval, two-sided p)."""
    d = [x - y for x, y in zip(a, b)]
    m, h, s = interval(d)
    return m, h, (t_two_sided_p(m / (s / math.sqrt(len(d))), len(d) - 1) if s > 0 else float("nan"))


def check_against_scipy(samples, pairs=()):
    """Every statistic above against scipy's, when scipy is installed; returns its version or None."""
    try:
        import scipy
        from scipy import stats
    except ImportError:
        return None
    for q, df in [(0.975, 9), (0.975, 4), (0.975, 13.7), (0.9, 2.5)]:
        assert abs(t_quantile(q, df) - stats.t.ppf(q, df)) < 1e-9, (q, df)
    names = list(samples)
    for x in names:
        m, h, _ = interval(samples[x])
        lo, hi = stats.t.interval(0.95, len(samples[x]) - 1, loc=m, scale=stats.sem(samples[x]))
        assert abs(m - h - lo) < 1e-9 and abs(m + h - hi) < 1e-9, x
        for y in names:
            if x != y and len(set(samples[x])) > 1 and len(set(samples[y])) > 1:
                diff, t, df, p, _ = welch(samples[x], samples[y])
                ref = stats.ttest_ind(samples[x], samples[y], equal_var=False)
                assert abs(t - ref.statistic) < 1e-9 and abs(p - ref.pvalue) < 1e-9, (x, y, p, ref.pvalue)
    for a, b in pairs:
        assert abs(paired(a, b)[2] - stats.ttest_rel(a, b).pvalue) < 1e-9
    return scipy.__version__


# ---- the results ----

def bnlab_runs(folder):
    """{seed: {batch_norm: accuracy}} of a BN Lab results folder; refuses unfinished runs."""
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    by_seed = {}
    for r in summary["runs"]:
        if r["status"] != "finished" or r["test_accuracy"] is None:
            sys.exit("%s: run %s seed %s is %s" % (folder, r["variant"], r["seed"], r["status"]))
        by_seed.setdefault(r["seed"], {})[r["batch_norm"]] = r["test_accuracy"]
    return summary, by_seed


def bnlab_losses(folder):
    """{(batch_norm, seed): [the losses of epoch 1, of epoch 2, ...]} from a BN Lab metrics.csv."""
    with open(os.path.join(folder, "summary.json")) as f:
        placement = {v["name"]: v["batch_norm"] for v in json.load(f)["variants"]}
    losses = {}
    with open(os.path.join(folder, "metrics.csv")) as f:
        for r in csv.DictReader(f):
            epochs = losses.setdefault((placement[r["variant"]], int(r["seed"])), [])
            e = int(r["epoch"])
            while len(epochs) < e:
                epochs.append([])
            epochs[e - 1].append(float(r["loss"]))
    return losses


def notebook_lines(log):
    """The notebook's loss lines of a PyTorch log: {network: {(epoch, iteration): loss}}, network 'none' first."""
    lines = {"none": {}, "after": {}}
    network = None
    with open(log) as f:
        for line in f:
            if line.startswith("Training without"):
                network = "none"
            elif line.startswith("Training with"):
                network = "after"
            elif line.startswith("[") and network:
                head, loss = line.split("loss:")
                epoch, iteration = head.strip("[] \n").split(",")
                lines[network][(int(epoch), int(iteration))] = float(loss)
    return lines


def loss_section(results, seeds_nesterov, seeds_momentum, torch_runs, impl):
    """Training loss as the notebook prints it: the mean of iterations 1-100 of epoch 1 (its first line) and of
    iterations 1-900 of epoch 3 (its last nine lines), per seed; BN Lab's from metrics.csv, PyTorch's from its log."""
    rows = {}
    for key, folder in (("nesterov", "bnlab-nesterov"), ("momentum", "bnlab-momentum")):
        losses = bnlab_losses(os.path.join(results, folder))
        seeds = seeds_nesterov if key == "nesterov" else seeds_momentum
        for net in ("none", "after"):
            rows[(key, net)] = ([mean(losses[(net, s)][0][:100]) for s in seeds],
                                [mean(losses[(net, s)][2][:900]) for s in seeds])
    for net in ("none", "after"):
        first, last = [], []
        for r in torch_runs:
            lines = notebook_lines(os.path.join(results, "pytorch", "seed-%d.log" % r["seed"]))[net]
            first.append(lines[(1, 100)])
            last.append(mean([lines[(3, i)] for i in range(100, 1000, 100)]))
        rows[("pytorch", net)] = (first, last)

    out = ["**Training loss** as the notebook prints it (mean minibatch loss of epoch 1's iterations 1–100, its "
           "first line, and of epoch 3's iterations 1–900, its last nine lines; PyTorch's from its printed lines, "
           "rounded to 3 decimals), mean over seeds ± 95 % CI, and Welch's p against PyTorch's:", "",
           "| implementation | network | epoch 1, it. 1–100 | p | epoch 3, it. 1–900 | p |",
           "|---|---|---|---|---|---|"]
    for (key, net), (first, last) in rows.items():
        cells = []
        for i, xs in enumerate((first, last)):
            m, h, _ = interval(xs)
            p = "" if key == "pytorch" else "%.3g" % welch(xs, rows[("pytorch", net)][i])[3]
            cells += ["%.3f ± %.3f" % (m, h), p]
        out.append("| %s | %s | %s |" % (impl[key], "without BN" if net == "none" else "BN after activation",
                                         " | ".join(cells)))
    return out


def main(results):
    nesterov_summary, nesterov = bnlab_runs(os.path.join(results, "bnlab-nesterov"))
    momentum_summary, momentum = bnlab_runs(os.path.join(results, "bnlab-momentum"))
    torch_runs = []
    for path in sorted(glob.glob(os.path.join(results, "pytorch", "seed-*.json"))):
        with open(path) as f:
            torch_runs.append(json.load(f))
    if not torch_runs:
        sys.exit("no PyTorch results in %s/pytorch" % results)

    def seeds_of(by_seed):
        return sorted(by_seed)

    pct = 100.0
    samples = {
        ("nesterov", "plain"): [pct * nesterov[s]["none"] for s in seeds_of(nesterov)],
        ("nesterov", "bn"): [pct * nesterov[s]["after"] for s in seeds_of(nesterov)],
        ("momentum", "plain"): [pct * momentum[s]["none"] for s in seeds_of(momentum)],
        ("momentum", "bn"): [pct * momentum[s]["after"] for s in seeds_of(momentum)],
        ("pytorch", "plain"): [pct * r["plain"] for r in torch_runs],
        ("pytorch", "bn_batch"): [pct * r["bn_batch_statistics"] for r in torch_runs],
        ("pytorch", "bn_eval"): [pct * r["bn_eval"] for r in torch_runs],
    }
    gaps = {
        "nesterov": [b - a for a, b in zip(samples[("nesterov", "plain")], samples[("nesterov", "bn")])],
        "momentum": [b - a for a, b in zip(samples[("momentum", "plain")], samples[("momentum", "bn")])],
        "pytorch_eval": [b - a for a, b in zip(samples[("pytorch", "plain")], samples[("pytorch", "bn_eval")])],
        "pytorch_batch": [b - a for a, b in zip(samples[("pytorch", "plain")], samples[("pytorch", "bn_batch")])],
    }
    # the optimizer alone: BN Lab's two runs of one seed share data order and initial weights, so pair them
    optimizer_pairs = [(samples[("momentum", "plain")], samples[("nesterov", "plain")]),
                       (samples[("momentum", "bn")], samples[("nesterov", "bn")]),
                       (gaps["momentum"], gaps["nesterov"])]
    if seeds_of(nesterov) != seeds_of(momentum):
        sys.exit("BN Lab's two experiments ran different seeds")
    checked = check_against_scipy({**{"%s/%s" % k: v for k, v in samples.items()}, **gaps}, optimizer_pairs + [
        (samples[("pytorch", "bn_eval")], samples[("pytorch", "bn_batch")])])

    impl = {
        "nesterov": "BN Lab, Nesterov (default)",
        "momentum": "BN Lab, classical momentum (`notebook-match`)",
        "pytorch": "PyTorch, the notebook's code",
    }
    network = {
        "plain": "without BN",
        "bn": "BN after activation (running averages)",
        "bn_eval": "BN after activation, `model.eval()` (running averages)",
        "bn_batch": "BN after activation, no `model.eval()` (each test batch's statistics: the notebook's way)",
    }
    # which PyTorch sample each BN Lab sample is compared with
    references = {"plain": [("plain", "")], "bn": [("bn_eval", "PyTorch `model.eval()`"),
                                                    ("bn_batch", "PyTorch without `model.eval()`")]}

    def fmt_mean(xs):
        m, h, s = interval(xs)
        return "%.2f %% ± %.2f" % (m, h), "%.2f–%.2f" % (m - h, m + h), "%.2f" % s

    lines = []
    n_counts = sorted({len(v) for v in samples.values()})
    lines.append("Test accuracy on the 10,000 MNIST test images after 3 epochs, %s seeds per implementation; "
                 "± is the half-width of the 95 %% Student-t interval (t(0.975, n−1)), sd over seeds in points."
                 % "/".join(str(n) for n in n_counts))
    lines.append("")
    lines.append("| implementation | network | n | mean ± 95 % CI | interval | sd |")
    lines.append("|---|---|---|---|---|---|")
    for (i, net), xs in samples.items():
        m, iv, s = fmt_mean(xs)
        lines.append("| %s | %s | %d | %s | %s | %s |" % (impl[i], network[net], len(xs), m, iv, s))
    lines.append("")
    lines.append("**The BN gap** (BN − without BN, per seed within one implementation, in points; paired by seed):")
    lines.append("")
    lines.append("| implementation | n | mean gap ± 95 % CI | interval | sd | seeds with BN ahead |")
    lines.append("|---|---|---|---|---|---|")
    gap_names = {"nesterov": impl["nesterov"], "momentum": impl["momentum"],
                 "pytorch_eval": "PyTorch, BN with `model.eval()`",
                 "pytorch_batch": "PyTorch, BN without `model.eval()` (the notebook's way)"}
    for g, xs in gaps.items():
        m, h, s = interval(xs)
        lines.append("| %s | %d | %+.2f ± %.2f | %+.2f to %+.2f | %.2f | %d of %d |"
                     % (gap_names[g], len(xs), m, h, m - h, m + h, s, sum(1 for x in xs if x > 0), len(xs)))
    lines.append("")
    m, h, p = paired(samples[("pytorch", "bn_eval")], samples[("pytorch", "bn_batch")])
    ahead = sum(1 for a, b in zip(samples[("pytorch", "bn_eval")], samples[("pytorch", "bn_batch")]) if a > b)
    lines.append("PyTorch's BN network tested with `model.eval()` minus the same network tested without it, paired by "
                 "seed: %+.2f ± %.2f points (%+.2f to %+.2f, paired t-test p = %.2g; higher on %d of %d seeds)."
                 % (m, h, m - h, m + h, p, ahead, len(samples[("pytorch", "bn_eval")])))
    lines.append("")
    lines.append("**BN Lab against PyTorch** (Welch's unequal-variance t-test, two-sided; the difference of the means, "
                 "BN Lab − PyTorch, in points with its 95 % Welch interval):")
    lines.append("")
    lines.append("| BN Lab | network | against PyTorch | difference | 95 % interval | Welch df | p | reading |")
    lines.append("|---|---|---|---|---|---|---|---|")

    def reading(p, lo, hi):
        if p > 0.05:
            return "no difference detected at this sample size (a true difference of up to %.2f points is not " \
                   "excluded)" % max(abs(lo), abs(hi))
        return "differ at the 5 %% level (BN Lab %s by %.2f to %.2f points)" % (
            "higher" if lo > 0 else "lower", min(abs(lo), abs(hi)), max(abs(lo), abs(hi)))

    for i in ("nesterov", "momentum"):
        for net in ("plain", "bn"):
            for ref, label in references[net]:
                diff, t, df, p, h = welch(samples[(i, net)], samples[("pytorch", ref)])
                lines.append("| %s | %s | %s | %+.2f | %+.2f to %+.2f | %.1f | %.3g | %s |"
                             % (impl[i], "without BN" if net == "plain" else "BN after activation",
                                label or "PyTorch", diff, diff - h, diff + h, df, p, reading(p, diff - h, diff + h)))
        for ref, label in (("pytorch_eval", "PyTorch gap, `model.eval()`"),
                           ("pytorch_batch", "PyTorch gap, without `model.eval()`")):
            diff, t, df, p, h = welch(gaps[i], gaps[ref])
            lines.append("| %s | BN gap | %s | %+.2f | %+.2f to %+.2f | %.1f | %.3g | %s |"
                         % (impl[i], label, diff, diff - h, diff + h, df, p, reading(p, diff - h, diff + h)))
    lines.append("")
    lines.append("**The optimizer alone, within BN Lab** (classical momentum − Nesterov, paired by seed: a seed's runs "
                 "share data order and initial weights; paired t-test):")
    lines.append("")
    lines.append("| network | mean difference ± 95 % CI | interval | p |")
    lines.append("|---|---|---|---|")
    for label, (a, b) in zip(("without BN", "BN after activation", "BN gap"), optimizer_pairs):
        m, h, p = paired(a, b)
        lines.append("| %s | %+.2f ± %.2f | %+.2f to %+.2f | %.3g |" % (label, m, h, m - h, m + h, p))
    lines.append("")
    lines += loss_section(results, seeds_of(nesterov), seeds_of(momentum), torch_runs, impl)
    lines.append("")
    env = nesterov_summary.get("environment", {})
    torch_version = torch_runs[0].get("torch", "?")
    lines.append("Seeds: BN Lab %s (`--seeds %d`, first seed %s), PyTorch `torch.manual_seed` %s. "
                 "DL4J %s, PyTorch %s (%s thread(s) per process), %s CPUs.%s"
                 % (", ".join(str(s) for s in seeds_of(nesterov)), len(nesterov),
                    seeds_of(nesterov)[0], ", ".join(str(r["seed"]) for r in torch_runs),
                    env.get("deeplearning4j", "?"), torch_version, "/".join(sorted({str(r.get("threads", "?")) for r in torch_runs})),
                    env.get("cpus", "?"),
                    " Statistics checked against scipy %s." % checked if checked else ""))
    table = "\n".join(lines) + "\n"

    with open(os.path.join(results, "table.md"), "w") as f:
        f.write(table)
    with open(os.path.join(results, "accuracies.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["implementation", "network", "seed", "test_accuracy"])
        for label, by_seed in (("bnlab-nesterov", nesterov), ("bnlab-momentum", momentum)):
            for s in seeds_of(by_seed):
                w.writerow([label, "none", s, by_seed[s]["none"]])
                w.writerow([label, "after", s, by_seed[s]["after"]])
        for r in torch_runs:
            w.writerow(["pytorch", "none", r["seed"], r["plain"]])
            w.writerow(["pytorch", "after-batch-statistics", r["seed"], r["bn_batch_statistics"]])
            w.writerow(["pytorch", "after-eval", r["seed"], r["bn_eval"]])
    sys.stdout.write(table)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: agreement_table.py RESULTS_DIR")
    main(sys.argv[1])
