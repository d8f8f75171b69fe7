/**
 * The annotated starter experiment that `kinesim init` writes: every key present, each with
 * a comment giving its meaning, unit and default. It loads as is (see its test).
 */
export const INIT_TEMPLATE = `# A kinesim experiment: one stream, its producers and consumers, replayed on a simulated clock.
# Durations are strings like 250ms, 5m, 24h (units us, ms, s, m, h, d).
# Sizes are strings like 512B, 1KB (1000 bytes), 1MiB (1024 KiB), or plain numbers of bytes.
# Run it with: kinesim run <this file>    Change a value for one run: --set stream.shards=4
# Every key and its default: kinesim schema

name: starter                  # shown in results (default: the file name without .yaml)
description: A 2-shard stream, one Poisson producer, one polling consumer   # free text (optional)
seed: 1                        # random seed; same file + same seed = same output (default 1)
duration: 2m                   # simulated time to run (required)
granularity: segment           # segment (fast, aggregated) | record (one record at a time) (default segment)
resolution: 10ms               # segment mode: how often producers hand each shard its records (default 10ms)
metricsResolution: 1s          # bucket width of the per-shard time series (default 1s; coarser for long runs)
warmup: 0s                     # statistics ignore what happens before this time (default 0s)
# startTime: "2026-03-01T00:00:00Z"   # UTC clock time of time 0: the report's time axes show clock times (optional)
profile: kinesis-2026-11       # limits profile: every Kinesis quota and price (default kinesis-2026-11)
limits: {}                     # overrides of profile fields, e.g. { shardWriteRecordsPerSecond: 2000, largeRecordBurstBytes: 5MiB }

stream:                        # the stream (required)
  mode: provisioned            # provisioned (you size it) | on-demand (it splits shards as traffic grows) | on-demand-advantage (the same, Advantage prices and warm throughput) (default provisioned)
  shards: 2                    # number of shards, 1 to 10000 (required for provisioned); each takes 1 MiB/s and 1000 records/s
  # warmThroughput: 100MiB     # on-demand-advantage only: write capacity from the start and never scaled below (a size per second)
  retention: 24h               # how long records stay readable, 24h to 8760h (default 24h)
  limiter: bucket              # ingress limiter: bucket (token buckets) | window (fixed 1 s windows) (default bucket)
  # maxRecordSize: 2MiB          # optional: largest record, data plus partition key, 1MiB to 10MiB as UpdateMaxRecordSize sets it (default 1MiB)
  # autoscaling:                 # optional (uncomment): a policy calling UpdateShardCount (provisioned)
  #   targetUtilization: 0.6     # a scaling action aims for this write utilization (default 0.6)
  #   scaleOutAbove: 0.8         # scale out when utilization stays above this … (default 0.8)
  #   scaleOutAfter: 3m          # … for this long (default 3m)
  #   scaleInBelow: 0.3          # scale in when utilization stays below this … (default 0.3)
  #   scaleInAfter: 30m          # … for this long (default 30m)
  #   evaluationInterval: 1m     # how often utilization is measured (default 1m)
  #   minShards: 1               # never fewer shards (default 1)
  #   maxShards: 16              # never more shards (default 10000)
  #   cooldown: 1h               # after a refused request, wait this long (default 1h)

producers:                     # at least one
  - name: clicks               # unique producer name (required)
    rate: 1500                 # records per second (required), or steps and ramps: [{at: 0s, rate: 1000}, {at: 5m, rate: 3000, ramp: true}]
    # bursts: { meanOn: 10s, meanOff: 2m, onFactor: 4 }  # optional: on/off bursts multiplying the rate
    # trace: { file: traces/clickstream.csv, repeat: true }  # optional, instead of rate/keys/recordSize: replay a record trace (CSV/NDJSON)
    # cloudwatch: { file: traces/incoming-per-minute.csv, within: poisson }  # optional, instead of rate/recordSize: replay per-minute IncomingRecords/IncomingBytes
    arrival: poisson           # poisson | constant (default poisson)
    recordSize: 1KB            # a size, or { distribution: uniform, min: 100B, max: 2KB }
                               # or { distribution: lognormal, median: 1KB, sigma: 0.5, max: 100KB } (max optional: without it, records too large for the stream are dropped)
                               # or { distribution: trace, file: traces/clickstream.csv } (default 1KB)
    keys:                      # partition keys (default { distribution: uniform, cardinality: 1000 })
      distribution: uniform    # uniform | zipf (exponent) | hot (key) | hotShare (share, hotKeys) | fixed (keys: [a, b])
      cardinality: 1000        # number of distinct keys, named prefix + 0 … prefix + (cardinality − 1)
      prefix: key-             # key name prefix (default key-)
    api: putRecords            # putRecord (one record per call) | putRecords (batches) (default putRecords)
    batch:                     # PutRecords batching
      maxRecords: 500          # records per request, at most the profile's 500 (default 500)
      maxBytes: 10MiB          # bytes per request, at most the profile's 10 MiB (default 10MiB)
      linger: 100ms            # longest a record waits for its batch to fill (default 100ms)
    retries:                   # throttled records are retried; "retries: 0" or "retries: false" drops them at once
      max: 3                   # retries after the first attempt (default 3)
      backoff: 100ms           # attempt k waits a random time up to backoff × 2^(k−1) (default 100ms)
      maxBackoff: 5s           # cap on that wait (default 5s)
    # kpl:                       # optional (uncomment): send through the KPL
    #   aggregation: true        # pack a shard's user records into Kinesis records of up to 50KiB (default true)
    #   recordMaxBufferedTime: 100ms  # a Kinesis record leaves when its oldest record has waited this long (default 100ms)
    #   recordTtl: 30s           # records still unsent after this fail as Expired (default 30s)
    #   rateLimit: 150           # client-side limit, % of a shard's limits (default 150)
    #   backoff: none            # retries: none (the KPL's, every 50 ms) | exponential (retries above)

consumers:                     # consumer applications (default none)
  - name: analytics            # unique consumer name (required)
    mode: polling              # polling (GetRecords, shared 2 MiB/s per shard) | efo (pushed, dedicated 2 MiB/s) (default polling; efo with kcl:)
    pollInterval: 1s           # time between GetRecords calls on each shard (default 1s)
    startAt: LATEST            # LATEST (skip what came before it started) | TRIM_HORIZON | AT_TIMESTAMP (default LATEST)
    # timestamp: 5m              # AT_TIMESTAMP only: read from the first record accepted at/after this time
    launchAt: 0s               # when the application starts and gets its iterators (default 0s)
    restartFrom: lastRecord    # after a stop over 5 min: lastRecord (where it was) | startAt (default lastRecord)
    maxRecords: 10000          # records per GetRecords call, at most the profile's 10000 (default 10000)
    processingTime: 0s         # time per record, or {distribution: uniform|lognormal|exponential, …}; a slow consumer builds lag (default 0s)
    batchProcessingTime: 0s    # time per fetched batch, on top (default 0s)
    maxInFlight: 10000         # most records fetched but not yet processed, per shard (default: what one fetch returns)
    readBackoff: 1s            # wait after a throttled GetRecords (default 1s)
    parentPollInterval: 10s    # after a reshard, how often a child checks its parents are read (default 10s)
    # kcl:                       # optional (uncomment): a KCL application, workers sharing shards by leases
    #   version: 3               # 3: a leader assigns leases by throughput, hands them over gracefully; 2: workers steal (default 3)
    #   workers: 2               # worker processes; stop one with events: [{ at: 1m, stopWorker: analytics/2 }]
    #   failoverTime: 10s        # a lease not renewed for this long is expired (default 10s)
    #   rebalanceThreshold: 10   # version 3: percent off the average that triggers a rebalance (default 10)
    #   gracefulHandoff: true    # version 3: the old owner checkpoints before the new one starts (default true)
    #   maxLeasesToSteal: 1      # version 2: leases a worker may steal per taking pass (default 1)
    #   checkpoint: { every: 30s }  # or { everyRecords: N } (default: after every batch)
  - name: alerts               # an enhanced fan-out consumer: records are pushed to it
    mode: efo                  # its own 2 MiB/s per shard, whatever the other consumers do
    propagationDelay: 70ms     # efo only: acceptance → push (default: the profile's 70ms)
    startAt: LATEST            # LATEST | TRIM_HORIZON (default LATEST)

events: []                     # scheduled operations (default none), e.g.
                               #   - { at: 30s, stopConsumer: analytics }
                               #   - { at: 90s, startConsumer: analytics }
`;
