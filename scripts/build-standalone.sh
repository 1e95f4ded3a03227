#!/usr/bin/env bash
# npm run build:standalone — the self-contained server that a container runs: .next/standalone
# holds server.js, the node_modules it needs (traced by Next.js), the static files and the
# migrations. The Dockerfile runs this script and `npm run test:standalone` tests what it makes,
# so that the image and CI cannot drift apart.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_OUTPUT=standalone node_modules/.bin/next build
out=.next/standalone

# What the build leaves out: the browser's static files, and the migrations the server reads from
# disk when it starts (lib/db/connect.ts, relative to server.js's folder).
cp -R .next/static "$out/.next/static"
if [ -d public ]; then cp -R public "$out/public"; fi
mkdir -p "$out/lib/db"
cp -R lib/db/migrations "$out/lib/db/migrations"

# The build copies .env and .env.production next to server.js. Configuration comes from the
# environment at run time instead: a developer's secrets must not end up in an image.
rm -f "$out/.env" "$out/.env.production"

# The server never loads the bundled realtime server, so the tracing must have left it out.
for absent in @soketi/soketi aws-sdk uWebSockets.js; do
  if [ -e "$out/node_modules/$absent" ]; then
    echo "✖ $out/node_modules/$absent is in the standalone server, which must not need it." >&2
    exit 1
  fi
done
echo "Standalone server: node $out/server.js"
