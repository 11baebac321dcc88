# syntax=docker/dockerfile:1
# The service as `npm start` runs it: compiled dist/ on Node 24 LTS (slim), production dependencies only,
# as the unprivileged `node` user. Build: docker build -t acai-assistant .
ARG NODE_IMAGE=node:24-slim

# Compiles the TypeScript. Lifecycle scripts are skipped: `prepare` would build before the sources are here.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY app.ts cli.ts server.ts ./
COPY lib ./lib
COPY plugins ./plugins
COPY routes ./routes
COPY schemas ./schemas
RUN npm run build

# What production installs, and nothing else (no compiler, no test runner).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
# Files stay owned by root: the process can read its code but not change it.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 8080
# close-with-grace drains in-flight requests on SIGTERM (DESIGN.md 7.2); give the container that long.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]
