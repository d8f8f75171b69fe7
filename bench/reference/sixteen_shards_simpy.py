"""Reference model of bench/workloads/sixteen-shards.yaml in SimPy 2.3.1 (classic API).

The bench (`npm run bench`) times this script as a whole process beside
`kinesim run bench/workloads/sixteen-shards.yaml`, in segment and in record mode, so that the
"N times faster than SimPy" figures are measured on this machine instead of quoted. It is a
plain, record-by-record model, written the way a SimPy user would write it: one process makes
the Poisson arrivals and puts each record at once, one process per shard polls it. See
bench/reference/README.md for what it models, the pinned SimPy version and how to run it.

Usage: /usr/bin/python3 bench/reference/sixteen_shards_simpy.py [--json] [--seed N]
"""

import argparse
import hashlib
import json
import random
import sys
import time
from collections import deque

PINNED_SIMPY = "2.3.1"

try:
    import SimPy
    from SimPy.Simulation import Process, activate, hold, initialize, now, simulate
except ImportError:
    sys.stderr.write(
        "SimPy is not importable: apt-get install python3-simpy (2.3.1), "
        "then run with /usr/bin/python3\n"
    )
    sys.exit(3)

# The workload, as bench/workloads/sixteen-shards.yaml and kinesim's defaults set it
# (docs/kinesis-facts.md §1, §2; models/limits/profile.ts).
DURATION_S = 60.0
SHARDS = 16
RATE_PER_S = 100_000.0
RECORD_DATA_BYTES = 1000  # recordSize: 1KB; the partition key is counted on top, as Kinesis does
KEYS = 100_000  # uniform over key-0 … key-99999
WRITE_RECORDS_PER_S = 1000  # per shard, fixed one-second windows aligned to t = 0
WRITE_BYTES_PER_S = 1024 * 1024
READ_CALLS_PER_S = 5.0  # GetRecords calls per shard: a token bucket one second deep
READ_BYTES_PER_S = 2 * 1024 * 1024  # after a read of B bytes, refused for B ÷ 2 MiB/s
READ_RECORDS_PER_S = 2000.0  # a bucket one second deep that a read may overdraw
GET_MAX_RECORDS = 10_000
GET_MAX_BYTES = 10 * 1024 * 1024
POLL_INTERVAL_S = 0.2  # measured from the response, as kinesim does
RESPONSE_MEAN_S = 0.070  # GetRecords response time, uniform within ± 50 %
RESPONSE_SPREAD = 0.5
READ_BACKOFF_S = 1.0  # after a refused call, jittered ×0.5–1.5, from the refusal's return


class Stats:
    """Counters printed at the end; `events` counts every process resumption (each `hold`
    that comes due): one per arrival, one per GetRecords call or refusal."""

    def __init__(self):
        self.events = 0
        self.offered = 0
        self.accepted = 0
        self.throttled = 0
        self.delivered = 0
        self.get_records_calls = 0
        self.read_throttled = 0
        self.latencies = []


class TokenBucket:
    """Refills continuously at `rate` up to `depth`; `take` may overdraw it (debt)."""

    def __init__(self, rate, depth):
        self.rate = rate
        self.depth = depth
        self.tokens = depth
        self.last = 0.0

    def available(self, t):
        if t > self.last:
            self.tokens = min(self.depth, self.tokens + (t - self.last) * self.rate)
            self.last = t
        return self.tokens

    def take(self, t, amount):
        self.available(t)
        self.tokens -= amount


class Shard:
    """One shard: its write window, its log of unread records and its read limits."""

    def __init__(self):
        self.window = -1
        self.window_records = 0
        self.window_bytes = 0
        # Accepted, not yet read: (time written, bytes). One reader, so reading pops them.
        self.log = deque()
        self.calls = TokenBucket(READ_CALLS_PER_S, READ_CALLS_PER_S)
        self.read_records = TokenBucket(READ_RECORDS_PER_S, READ_RECORDS_PER_S)
        self.bytes_blocked_until = 0.0

    def put(self, t, size):
        """PutRecord of one record at time t: accepted unless this second's window is full."""
        window = int(t)
        if window != self.window:
            self.window = window
            self.window_records = 0
            self.window_bytes = 0
        if (
            self.window_records + 1 > WRITE_RECORDS_PER_S
            or self.window_bytes + size > WRITE_BYTES_PER_S
        ):
            return False
        self.window_records += 1
        self.window_bytes += size
        self.log.append((t, size))
        return True

    def try_call(self, t):
        """Whether a GetRecords call at t is allowed (it then uses one call token)."""
        if t < self.bytes_blocked_until or self.read_records.available(t) < -1e-6:
            return False
        if self.calls.available(t) < 1 - 1e-9:
            return False
        self.calls.take(t, 1)
        return True

    def charge(self, t, nbytes, nrecords):
        self.bytes_blocked_until = max(self.bytes_blocked_until, t) + nbytes / READ_BYTES_PER_S
        self.read_records.take(t, nrecords)


def route_keys(shards):
    """Each key's shard and size. Kinesis hashes the key with MD5 to a 128-bit number and the
    shard is the one whose range holds it; 16 even ranges are the number's top four bits.
    Worked out once per key, as kinesim caches a key's route, not once per record."""
    shard_of = []
    key_bytes = []
    for k in range(KEYS):
        key = ("key-%d" % k).encode("utf-8")
        digest = hashlib.md5(key).digest()
        shard_of.append(digest[0] * shards // 256)
        key_bytes.append(len(key))
    return shard_of, key_bytes


class Producer(Process):
    """Poisson arrivals; each record is put at once with PutRecord, not retried if throttled."""

    def run(self, rng, shards, shard_of, key_bytes, stats):
        expo = rng.expovariate
        uniform = rng.random
        while True:
            yield hold, self, expo(RATE_PER_S)
            # Each arrival is one event; offered = accepted + throttled, counted at the end.
            k = int(uniform() * KEYS)  # uniform key (cheaper than randrange, same law)
            if shards[shard_of[k]].put(now(), RECORD_DATA_BYTES + key_bytes[k]):
                stats.accepted += 1
            else:
                stats.throttled += 1


class Poller(Process):
    """One application's reader of one shard, from TRIM_HORIZON: it calls GetRecords, gets the
    answer a response time later and calls again POLL_INTERVAL_S after that."""

    def run(self, rng, shard, stats):
        uniform = rng.random
        latencies = stats.latencies
        while True:
            t = now()
            response = RESPONSE_MEAN_S * (1 - RESPONSE_SPREAD + 2 * RESPONSE_SPREAD * uniform())
            if not shard.try_call(t):
                stats.read_throttled += 1
                yield hold, self, response + READ_BACKOFF_S * (0.5 + uniform())
                stats.events += 1
                continue
            stats.get_records_calls += 1
            received = t + response
            log = shard.log
            count = 0
            nbytes = 0
            # Everything written by now is visible; the first record is returned whatever
            # its size, then up to the call's record and byte limits.
            while log and count < GET_MAX_RECORDS:
                written, size = log[0]
                if count > 0 and nbytes + size > GET_MAX_BYTES:
                    break
                log.popleft()
                count += 1
                nbytes += size
                latencies.append(received - written)
            shard.charge(t, nbytes, count)
            stats.delivered += count
            yield hold, self, response + POLL_INTERVAL_S
            stats.events += 1


def percentile(sorted_values, q):
    """Nearest-rank percentile of an ascending list (q in 0–100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))
    return sorted_values[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    if SimPy.__version__ != PINNED_SIMPY:
        sys.stderr.write(
            "warning: SimPy %s, the reference is pinned to %s\n" % (SimPy.__version__, PINNED_SIMPY)
        )

    started = time.perf_counter()
    rng = random.Random(args.seed)
    shard_of, key_bytes = route_keys(SHARDS)
    shards = [Shard() for _ in range(SHARDS)]
    stats = Stats()
    initialize()
    producer = Producer()
    activate(producer, producer.run(rng, shards, shard_of, key_bytes, stats))
    for shard in shards:
        poller = Poller()
        activate(poller, poller.run(rng, shard, stats))
    simulate(until=DURATION_S)
    stats.offered = stats.accepted + stats.throttled
    stats.events += stats.offered
    latencies = sorted(stats.latencies)
    wall = time.perf_counter() - started

    result = {
        "model": "SimPy %s" % SimPy.__version__,
        "python": sys.version.split()[0],
        "simulatedSeconds": DURATION_S,
        "events": stats.events,
        "offered": stats.offered,
        "accepted": stats.accepted,
        "throttled": stats.throttled,
        "delivered": stats.delivered,
        "getRecordsCalls": stats.get_records_calls,
        "readThrottled": stats.read_throttled,
        "latencyP50Ms": percentile(latencies, 50) * 1000,
        "latencyP99Ms": percentile(latencies, 99) * 1000,
        "wallSeconds": wall,
    }
    if args.json:
        print(json.dumps(result))
        return
    print("sixteen-shards · SimPy %s reference model · seed %d" % (SimPy.__version__, args.seed))
    print("%g s simulated in %.2f s (%s events)" % (DURATION_S, wall, format(stats.events, ",")))
    print(
        "records   offered %s  accepted %s  throttled %s  delivered %s"
        % tuple(format(n, ",") for n in (stats.offered, stats.accepted, stats.throttled, stats.delivered))
    )
    print(
        "reads     GetRecords %s  throttled %s"
        % (format(stats.get_records_calls, ","), format(stats.read_throttled, ","))
    )
    print(
        "latency   p50 %.0f ms  p99 %.0f ms" % (result["latencyP50Ms"], result["latencyP99Ms"])
    )


if __name__ == "__main__":
    main()
