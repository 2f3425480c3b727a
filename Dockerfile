# syntax=docker/dockerfile:1
# convene: build the JavaScript once, run it as an unprivileged user with production dependencies only.
#   docker build -t convene .
#   docker run -p 3000:3000 -v convene-data:/data convene            (embedded database in /data)
# Other commands: docker run --rm -v convene-data:/data convene node dist/main.js <command> (see README).
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Like npm 11's default: no dependency runs an install script (the packages used ship prebuilt binaries).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY demo ./demo
COPY public ./public
COPY migrations ./migrations
# Also makes the migrated PGlite template a new DATA_DIR is copied from (node_modules/.cache/convene).
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# Fonts for PDFs come from npm packages among the dependencies: no system fonts are installed.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Without the template a first start on a new /data runs initdb (~6 s more).
COPY --from=build --chown=node:node /app/node_modules/.cache/convene ./node_modules/.cache/convene
COPY migrations ./migrations
COPY public ./public
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 2525
# Liveness only (no database): /readyz is the readiness probe for a load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains: requests in flight get SHUTDOWN_GRACE_MS (10 s); give the container a little more to stop.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js", "serve"]
