# syntax=docker/dockerfile:1
# Build stage: compile the production project (src/ only: no simulator, no demo) with the dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY src ./src
RUN npx tsc -p src/tsconfig.json

# The upstream simulators, for docker-compose's demo stack (`target: simulator`). A stage of their own, so nothing
# of them reaches the runtime image below, which stays the default target.
FROM build AS simulator
COPY simulator ./simulator
RUN npx tsc -p simulator/tsconfig.json
USER node
EXPOSE 10471 10472
ENTRYPOINT ["node", "dist/simulator/main.js"]

# Production dependencies only.
FROM build AS production-deps
RUN npm prune --omit=dev

# Runtime stage: only the compiled exporter, production dependencies, the example config and a default config.
FROM node:22-bookworm-slim
# Set by the release build: docker build --build-arg VERSION=… --build-arg REVISION=$(git rev-parse HEAD) .
# VERSION's default is package.json's version (a test keeps them equal).
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="livechat-exporter" \
      org.opencontainers.image.description="Prometheus exporter for Rocket.Chat Omnichannel and LiveChat analytics" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.url="https://github.com/livechat-exporter/livechat-exporter" \
      org.opencontainers.image.source="https://github.com/livechat-exporter/livechat-exporter" \
      org.opencontainers.image.documentation="https://github.com/livechat-exporter/livechat-exporter#readme"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=production-deps /src/node_modules ./node_modules
COPY --from=build /src/dist/src ./dist/src
COPY config/exporter.example.yml ./config/
# The exporter's default --config.file. This one has no targets: it starts, and its log and status page say to
# mount a real config here (and the secrets wherever that config points, e.g. /run/secrets).
COPY config/default.yml /etc/livechat-exporter/config.yml
USER node
EXPOSE 10458
# Plain-HTTP probe of the health endpoint; override it if you enable TLS or basic auth via --web.config.file.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:10458/-/healthy').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# No flags here or in CMD: the defaults (config at /etc/livechat-exporter/config.yml, listening on :10458) need
# none, so `docker run image --log.level=debug` adds to them instead of replacing a CMD that named the config.
ENTRYPOINT ["node", "/app/dist/src/main.js"]
CMD []
