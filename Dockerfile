# syntax=docker/dockerfile:1
# Panelist's production image: build once (next build + the compiled custom server), then a
# runtime stage holding only the build's folder (<.next>/standalone, see scripts/build-server.mjs)
# and the production dependencies. Runs as the unprivileged `node` user with plain node.
#
#   docker build -t panelist .
#   docker run --rm -e DATABASE_URL=… panelist node dist/migrate.js      # the deploy step, once
#   docker run -e DATABASE_URL=… -e NEXTAUTH_SECRET=… -e APP_URL=https://… -p 3000:3000 panelist
#
# compose.yaml runs PostgreSQL 17, the migration step, two replicas and HAProxy in front.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first (cached while package*.json do not change); postinstall generates the
# Prisma client from prisma/schema.prisma.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
COPY --from=build --chown=node:node /app/.next/standalone ./
# Production dependencies only: no tsx, no embedded database, no test or build tools. Install
# scripts are not needed (the Prisma client is compiled into the build).
RUN npm ci --omit=dev --omit=peer --ignore-scripts --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=64", "dist/server.js"]
