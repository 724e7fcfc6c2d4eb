# syntax=docker/dockerfile:1
# The Link Programme tool as one image: `docker compose up` runs two of these behind Caddy,
# with Redis (see compose.yaml). Settings are environment variables (README, "Configuration").
# Node 24 is the supported LTS (Node 20 reached its end of life in April 2026).

FROM node:24.21.0-bookworm-slim AS build
# better-sqlite3 compiles its native module when no prebuilt one matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# The client, then the server bundled into plain JavaScript (scripts/build-server.mjs); the
# development tools, tsx among them, are pruned away.
RUN npm run build && npm prune --omit=dev

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    SEED_DEMO=0
WORKDIR /app
# Everything the runtime holds. tests/integration/runtime-layout.test.ts reads these COPY lines
# and builds the same folder to start the server in, so a file left out fails the tests.
# Owned by root: the app may read its own code but not change it.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Drain on SIGTERM (README, "Stopping and upgrading"): the stop grace period allows for it.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
