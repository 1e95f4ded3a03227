# The app as a container: Next.js's standalone server, for PostgreSQL and an external realtime
# server (hosted Pusher, or your own soketi). See docs/deploy.md.
#
#   docker build -t realtime-auth-kit .
#   docker run --env-file production.env -p 3000:3000 realtime-auth-kit
#
# The build runs scripts/build-standalone.sh, the script whose output `npm run test:standalone`
# tests in CI. The `build` stage doubles as the tools image for one-off commands:
#   docker build --target build -t realtime-auth-kit-tools .
#   docker run --rm -i --env-file production.env realtime-auth-kit-tools \
#     npm run user:create -- --admin < admin-password.txt

# CI runs Node 20; the image uses the next LTS line, as Node 20's support ended in April 2026.
# Both satisfy package.json's engines; --build-arg NODE_VERSION=20 builds what CI tests.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# Install scripts stay off, as package.json's allowScripts denies each one to npm 11 (CI's);
# the image's npm may be older, hence --ignore-scripts. Nothing here needs one. soketi is
# installed too: npm cannot omit one optional dependency without also omitting the native
# binaries of argon2 and Next.js. The standalone server never loads it, so the image has none.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN bash scripts/build-standalone.sh

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The code stays root's; the server may write only Next.js's cache and DATA_DIR (used only with
# DATABASE_URL=pglite, which then needs a volume there).
COPY --from=build /app/.next/standalone ./
RUN mkdir -p .next/cache .data && chown node:node .next/cache .data
USER node
EXPOSE 3000
# 200 when the database and the realtime server both answer (GET /api/health).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run when the server starts (MIGRATE_ON_START, under a lock shared by replicas).
CMD ["node", "server.js"]
