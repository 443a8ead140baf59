#!/usr/bin/env python3
"""Seeds a running charter-tracker over its HTTP API for scripts/bench-api.sh.

Creates CITIES cities, one adopted plan each (eurocities-integrating-cities) and
ACTIONS actions per plan, spread over every commitment, status and delivery mode.
Writes {"plans": [...], "actions": [...], "cities": [...]} as JSON to --out.

Standard library only; one keep-alive connection per worker thread.
"""

import argparse
import http.client
import json
import sys
import threading
import time

COMMITMENTS = ["PM1", "PM2", "PM3", "SP1", "SP2", "EM1", "EM2", "EM3",
               "BU1", "BU2", "BU3", "DC1", "DC2", "DC3", "DC4"]
STATUSES = ["planned", "in_progress", "completed", "delayed", "cancelled"]
AREAS = ["language_learning", "housing", "employment", "health", "social_care", "education", "other"]
COUNTRIES = ["DE", "FR", "NL", "BE", "IT", "ES", "PT", "AT", "SE", "FI",
             "DK", "PL", "CZ", "IE", "GR", "NO", "CH", "HU", "RO", "SI"]
DEPARTMENTS = ["Social Affairs", "Education", "Housing Office", "Jobcentre", "Mayor's Office", "Health Department"]


class Api:
    def __init__(self, host, port, token):
        self.host, self.port = host, port
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json",
                        "Accept": "application/json", "Connection": "keep-alive"}
        self.conn = None

    def post(self, path, body):
        data = json.dumps(body).encode()
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request("POST", path, body=data, headers=self.headers)
                resp = self.conn.getresponse()
                payload = resp.read()
            except (http.client.HTTPException, OSError):
                # The server may close an idle keep-alive connection; reconnect and retry.
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            if resp.status != 201:
                raise RuntimeError(f"POST {path} -> {resp.status}: {payload[:500]!r}")
            return json.loads(payload)
        raise AssertionError("unreachable")


def seed_city(api, i, actions_per_plan, run_tag):
    city = api.post("/api/v1/cities", {
        "name": f"Benchville {run_tag} {i:03d}",
        "country": COUNTRIES[i % len(COUNTRIES)],
    })
    plan = api.post(f"/api/v1/cities/{city['id']}/plans", {
        "framework": "eurocities-integrating-cities",
        "title": f"Integration action plan {i:03d} 2026-2028",
        "period_start": "2026-01-01",
        "period_end": "2028-12-31",
        "status": "adopted",
    })
    action_ids = []
    for k in range(actions_per_plan):
        n = i * actions_per_plan + k
        action = api.post(f"/api/v1/plans/{plan['id']}/actions", {
            "commitment": COMMITMENTS[k % len(COMMITMENTS)],
            "title": f"Action {k + 1}: welcome and orientation measure {n}",
            "description": ("Newcomers receive information in their language about services, rights "
                            "and obligations; the city works with migrant organisations to reach them. ") * 2,
            "department": DEPARTMENTS[n % len(DEPARTMENTS)],
            "partners": ["Migrant council", "Regional employment agency"][: 1 + n % 2],
            "delivery": "advocacy" if n % 4 == 0 else "direct",
            "policy_areas": [AREAS[n % len(AREAS)], AREAS[(n + 3) % len(AREAS)]],
            "start_date": "2026-02-01",
            "due_date": "2027-06-30",
            "status": STATUSES[n % len(STATUSES)],
            "progress": (n * 7) % 101,
        })
        action_ids.append(action["id"])
    return city["id"], plan["id"], action_ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--cities", type=int, default=50)
    ap.add_argument("--actions", type=int, default=60)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    run_tag = time.strftime("%H%M%S")
    results = [None] * args.cities
    errors = []
    next_index = [0]
    lock = threading.Lock()

    def worker():
        api = Api(args.host, args.port, args.token)
        while True:
            with lock:
                if errors or next_index[0] >= args.cities:
                    return
                i = next_index[0]
                next_index[0] += 1
            try:
                results[i] = seed_city(api, i, args.actions, run_tag)
            except Exception as e:  # report the first failure and stop every worker
                with lock:
                    errors.append(f"city {i}: {e}")
                return

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(max(1, args.workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    if errors:
        print("seeding failed: " + errors[0], file=sys.stderr)
        return 1

    out = {
        "cities": [r[0] for r in results],
        "plans": [r[1] for r in results],
        "actions": [a for r in results for a in r[2]],
    }
    with open(args.out, "w") as f:
        json.dump(out, f)
    requests = args.cities * (2 + args.actions)
    print(f"seeded {args.cities} cities, {args.cities} plans, {len(out['actions'])} actions "
          f"({requests} POSTs) in {elapsed:.1f}s ({requests / elapsed:.0f} req/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
