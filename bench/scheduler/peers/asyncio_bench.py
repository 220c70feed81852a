"""Python asyncio peer for bench/scheduler (cases 1 and 2), run as a child process.

Prints one result line, "@@bench-result <json>", in the same shape as the TypeScript cases:
- switches [tasks=1000] [switches=1000]: tasks each `await asyncio.sleep(0)` that many times
  (asyncio's cheapest suspension), gathered; switches per second.
- sleepers [n=100000] [ms=10]: n coroutines each `await asyncio.sleep(ms / 1000)`, gathered;
  wall time and the RSS before starting. Peak RSS (ru_maxrss, KiB on Linux) is added to every result.

The default event loop is used (no uvloop), as a stock Python would.
"""

import asyncio
import json
import resource
import sys
import time


def args(defaults):
    values = dict(defaults)
    for arg in sys.argv[2:]:
        key, _, raw = arg.partition("=")
        if key in values:
            values[key] = float(raw) if "." in raw else int(raw)
    return values


async def switches_worker(switches):
    for _ in range(switches):
        await asyncio.sleep(0)


async def switches_main(tasks, switches):
    await asyncio.gather(*(switches_worker(switches) for _ in range(tasks)))


async def sleeper(seconds):
    await asyncio.sleep(seconds)


async def sleepers_main(n, seconds):
    await asyncio.gather(*(sleeper(seconds) for _ in range(n)))


def current_rss_mib():
    """Resident set size now, from /proc (Linux); None elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return None


def report(figures):
    figures["maxRssKiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("@@bench-result " + json.dumps(figures), flush=True)


def main():
    case = sys.argv[1] if len(sys.argv) > 1 else ""
    if case == "switches":
        a = args({"tasks": 1000, "switches": 1000})
        asyncio.run(switches_main(a["tasks"], max(1, a["switches"] // 10)))  # warm-up, as the JS cases
        start = time.perf_counter()
        asyncio.run(switches_main(a["tasks"], a["switches"]))
        ms = (time.perf_counter() - start) * 1000
        report({**a, "ms": ms, "switchesPerSec": a["tasks"] * a["switches"] / (ms / 1000)})
    elif case == "sleepers":
        a = args({"n": 100000, "ms": 10})
        start_rss = current_rss_mib()
        start = time.perf_counter()
        asyncio.run(sleepers_main(a["n"], a["ms"] / 1000))
        report({**a, "wallMs": (time.perf_counter() - start) * 1000, "startRssMiB": start_rss})
    else:
        sys.exit(f'unknown case "{case}"; expected switches or sleepers')


if __name__ == "__main__":
    main()
