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

# Runtime stage: only the compiled exporter, production dependencies and the example config.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=production-deps /src/node_modules ./node_modules
COPY --from=build /src/dist/src ./dist/src
COPY config/exporter.example.yml ./config/
# Mount your config here (and secrets wherever the config points, e.g. /run/secrets).
RUN mkdir -p /etc/livechat-exporter && cp config/exporter.example.yml /etc/livechat-exporter/config.yml
USER node
EXPOSE 10458
# Plain-HTTP probe of the health endpoint; override it if you enable TLS or basic auth via --web.config.file.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:10458/-/healthy').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["--config.file=/etc/livechat-exporter/config.yml", "--web.listen-address=:10458"]
