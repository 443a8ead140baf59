#!/usr/bin/env python3
"""Memory of the server under concurrent failed sign-ins (issue 10).

Starts the binary on a fresh database, takes one sign-in form (its CSRF cookie and token), then
fires N concurrent `POST /login` with wrong passwords for N different addresses, and prints the
answers by status, the server's RSS before, its peak (VmHWM), right after, and 10 s after.

Usage (from anywhere):
    python3 scripts/signin-memory.py [N ...]        # default: 16 28
Environment:
    SIGNIN_BIN=PATH    the binary (default: $CARGO_TARGET_DIR or target/, release if built, else debug)
    DATABASE_URL       postgres://USER@HOST[:PORT]/DB: a fresh database `ct_signin_mem_<pid>` is
                       created on that server (and dropped afterwards); unset: a fresh SQLite file
    SIGNIN_AFTER       seconds to wait before the last reading (default 10)

Standard library only. Exits non-zero if the server could not be started or answered a 5xx
other than 503.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary():
    if os.environ.get("SIGNIN_BIN"):
        return os.environ["SIGNIN_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    for profile in ("release", "debug"):
        path = os.path.join(target, profile, "charter-tracker")
        if os.path.exists(path):
            return path
    sys.exit("no charter-tracker binary: run `cargo build` (or set SIGNIN_BIN)")


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(server_url, sql):
    subprocess.run(["psql", server_url, "-q", "-c", sql], check=True, capture_output=True)


def run(n, bin_path):
    work = tempfile.mkdtemp(prefix="signin-mem-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHARTER_TRACKER")}
    pg = os.environ.get("DATABASE_URL", "")
    dropdb = None
    if pg.startswith("postgres"):
        name = f"ct_signin_mem_{os.getpid()}_{n}"
        u = urllib.parse.urlsplit(pg)
        server = urllib.parse.urlunsplit((u.scheme, u.netloc, "/postgres", "", ""))
        psql(server, f"DROP DATABASE IF EXISTS {name}")
        psql(server, f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, "", ""))
        dropdb = (server, name)
    else:
        env["DATABASE_URL"] = "sqlite://" + os.path.join(work, "signin.db")
    env["CHARTER_TRACKER__LOG__FILTER"] = "warn"
    # The per-address lock would stop a burst larger than 30 before it hashes anything.
    env["CHARTER_TRACKER__SIGN_IN__MAX_FAILURES_PER_IP"] = str(max(30, 2 * n))
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen(
        [bin_path, "serve", "--bind", f"127.0.0.1:{port}"], cwd=work, env=env, stdout=log, stderr=log
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit(f"the server did not start; see {work}/serve.log")
            time.sleep(0.1)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/login")
        r = c.getresponse()
        page = r.read().decode()
        cookie = "; ".join(v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        time.sleep(1)
        before = status_kb(server.pid, "VmRSS")

        statuses, retry_after = [], []
        lock = threading.Lock()
        go = threading.Barrier(n)

        def attempt(i):
            body = urllib.parse.urlencode(
                {"csrf_token": token, "email": f"nobody{i}@city.example", "password": "not the password"}
            )
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            go.wait()
            conn.request(
                "POST",
                "/login",
                body,
                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                 "Origin": f"http://127.0.0.1:{port}"},
            )
            res = conn.getresponse()
            res.read()
            with lock:
                statuses.append(res.status)
                if res.getheader("Retry-After"):
                    retry_after.append(res.getheader("Retry-After"))

        started = time.time()
        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.time() - started
        peak = status_kb(server.pid, "VmHWM")
        right_after = status_kb(server.pid, "VmRSS")
        time.sleep(float(os.environ.get("SIGNIN_AFTER", "10")))
        later = status_kb(server.pid, "VmRSS")
        counts = {s: statuses.count(s) for s in sorted(set(statuses))}
        db = "postgresql" if dropdb else "sqlite"
        print(
            f"{db} N={n}: answers {counts} in {took:.1f} s"
            + (f" (Retry-After: {sorted(set(retry_after))})" if retry_after else "")
            + f"; RSS before {before / 1024:.0f} MB, peak {peak / 1024:.0f} MB,"
            f" right after {right_after / 1024:.0f} MB, {os.environ.get('SIGNIN_AFTER', '10')} s after {later / 1024:.0f} MB"
        )
        return all(s < 500 or s == 503 for s in statuses)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if dropdb:
            psql(dropdb[0], f"DROP DATABASE IF EXISTS {dropdb[1]} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)


def main():
    ns = [int(a) for a in sys.argv[1:]] or [16, 28]
    bin_path = binary()
    print(f"binary: {bin_path}")
    ok = all([run(n, bin_path) for n in ns])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
