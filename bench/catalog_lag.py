"""Invalidation lag: from inventory's commit of a product change to the other cache instance serving the change.

python3 catalog_lag.py <inventory port> <cache instance port> <sku> <rounds>
Each round: the product is read through the cache instance until it is an L1 hit; its price is changed through
inventory (PATCH returns after the commit: t0); the instance is polled on a keep-alive connection until it serves
the new price (t1: its L1 was cleared and the new version read). Prints "p50_ms p99_ms max_ms".
Each PATCH carries a sampled W3C traceparent of its own; the slowest rounds' trace ids go to standard error, so that
`./platform trace <id>` shows where their time went (the outbox relay's send, the consumer's receive).
"""
import http.client
import json
import math
import os
import sys
import time

inventory_port, cache_port, sku, rounds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
inventory = http.client.HTTPConnection("127.0.0.1", inventory_port, timeout=10)
cache = http.client.HTTPConnection("127.0.0.1", cache_port, timeout=10)


def read():
    cache.request("GET", "/api/cache/products/" + sku)
    response = cache.getresponse()
    body = json.loads(response.read())
    return body.get("priceCents"), response.getheader("X-Cache")


lags = []
price = 10_000
for _ in range(rounds):
    deadline = time.monotonic() + 30
    while read()[1] != "L1":
        if time.monotonic() > deadline:
            sys.exit("the product never became an L1 hit")
    price += 1
    trace_id = os.urandom(16).hex()
    inventory.request("PATCH", "/api/inventory/products/" + sku, json.dumps({"priceCents": price}),
                      {"Content-Type": "application/json",
                       "traceparent": "00-%s-%s-01" % (trace_id, os.urandom(8).hex())})
    answer = inventory.getresponse()
    answer.read()
    if answer.status != 200:
        sys.exit("PATCH answered %d" % answer.status)
    committed = time.monotonic()
    while read()[0] != price:
        if time.monotonic() - committed > 30:
            sys.exit("the change was not seen within 30 s")
    lags.append(((time.monotonic() - committed) * 1000, trace_id))

lags.sort()
for lag, trace_id in lags[-3:]:
    print("slowest: %.1f ms, trace %s" % (lag, trace_id), file=sys.stderr)
lags = [lag for lag, _ in lags]
# nearest rank: the smallest lag that at least q of the rounds did not exceed (p99 of 100 rounds is the second
# largest, not the largest)
pick = lambda q: lags[max(0, math.ceil(q * len(lags)) - 1)]
print("%.1f %.1f %.1f" % (pick(0.5), pick(0.99), lags[-1]))
