#!/usr/bin/env bash
# Runs a command as on a machine with only Node.js, e.g. `bash scripts/isolated.sh npm test`:
# - in a network namespace of its own, with only the loopback interface, so that this machine's
#   PostgreSQL and Redis (and the internet) are out of reach;
# - without TEST_*, DATABASE_URL, REDIS_URL or PG* variables;
# - with a tripwire on PostgreSQL's and Redis's default ports (5432, 6379) that fails the run if
#   anything connects there, even a caller that would have shrugged off a refused connection.
# Needs root (CI) or unprivileged user namespaces, and `ip` (iproute2).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${RTAUTH_ISOLATED:-}" in
  "")
    if [ "$(id -u)" = 0 ]; then exec unshare --net env RTAUTH_ISOLATED=up bash "$0" "$@"; fi
    # An ordinary user is root only in a user namespace of its own, to bring the loopback up.
    exec unshare --net --map-root-user \
      env RTAUTH_ISOLATED=up RTAUTH_USER="$(id -u):$(id -g)" bash "$0" "$@" ;;
  up)
    ip link set lo up
    if [ -n "${RTAUTH_USER:-}" ]; then
      exec unshare --map-user="${RTAUTH_USER%:*}" --map-group="${RTAUTH_USER#*:}" \
        env RTAUTH_ISOLATED=run bash "$0" "$@"
    fi ;;
esac

unset TEST_DATABASE_URL TEST_REDIS_URL DATABASE_URL REDIS_URL
while read -r name; do unset "$name"; done < <(compgen -e | grep '^PG' || true)

trips=$(mktemp)
node -e '
  const net = require("node:net");
  const fs = require("node:fs");
  const [log] = process.argv.slice(1);
  let listening = 0;
  for (const port of [5432, 6379]) {
    net
      .createServer((socket) => {
        fs.appendFileSync(log, `a connection to port ${port}\n`);
        socket.destroy();
      })
      .listen(port, "::", () => ++listening === 2 && fs.writeFileSync(`${log}.ready`, ""));
  }
' "$trips" &
tripwire=$!
until [ -e "$trips.ready" ]; do
  kill -0 "$tripwire" || { echo "The tripwire did not start." >&2; exit 1; }
  sleep 0.1
done

status=0
"$@" || status=$?
kill "$tripwire"
if [ -s "$trips" ]; then
  echo "FAILED: the run reached for this machine's PostgreSQL or Redis:" >&2
  sort "$trips" | uniq -c >&2
  status=1
else
  echo "Isolated run: nothing connected to ports 5432 or 6379."
fi
rm -f "$trips" "$trips.ready"
exit "$status"
