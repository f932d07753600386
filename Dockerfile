# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

# Runtime stage: only the compiled code, production dependencies and the example configs.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/src ./dist/src
COPY config ./config
# Mount your config here (and secrets wherever the config points, e.g. /run/secrets).
RUN mkdir -p /etc/livechat-exporter && cp config/exporter.example.yml /etc/livechat-exporter/config.yml
USER node
EXPOSE 10458
# Plain-HTTP probe of the health endpoint; override it if you enable TLS or basic auth via --web.config.file.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:10458/-/healthy').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/src/main.js"]
CMD ["--config.file=/etc/livechat-exporter/config.yml", "--web.listen-address=:10458"]
