# syntax=docker/dockerfile:1
# One image for every Guildhall process; SERVICE picks which one runs (scripts/image/start.sh):
# xp, roles, onboarding, gateway, dashboard, discord-sim or demo-players.
# build: every dependency, `npm run build` (TypeScript to dist/, the dashboard's production build),
# then the runtime files (scripts/image/runtime-tree.js). deps: production dependencies only.
# The last stage is what runs: node on compiled JavaScript, as an unprivileged user.
# tools/image-check reproduces deps and the last stage without Docker, in `npm test`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
COPY apps apps
COPY libs libs
COPY services services
COPY tools tools
COPY scripts scripts
COPY tsconfig.base.json .swcrc ./
# The cache mount keeps downloaded packages between builds and out of every layer.
RUN --mount=type=cache,target=/root/.npm npm ci
RUN npm run build && node scripts/image/runtime-tree.js /image

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# Manifests only: a change of code reuses the install below.
COPY --from=build /image/manifests ./
# No production dependency has an install script. The optional ones are platform binaries the
# processes never load: Next's compiler (137 MB; `next start` serves a finished build) and sharp
# (the dashboard serves images unoptimized).
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --ignore-scripts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 SERVICE=xp
COPY --from=deps /app/node_modules node_modules
COPY --from=build /image/manifests ./
COPY --from=build /image/app ./
# The code stays root's, read-only to the process; Next writes its cache and nothing else.
RUN mkdir apps/dashboard/.next/cache && chown node:node apps/dashboard/.next/cache
# The base image's `node` user, by number: Kubernetes can only verify runAsNonRoot on a numeric user.
USER 1000:1000
EXPOSE 3000 3100 3101 3102 3103 3900
CMD ["sh", "scripts/image/start.sh"]
