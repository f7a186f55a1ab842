# One image for every Guildhall process; SERVICE picks which one runs.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NX_DAEMON=false
COPY package.json package-lock.json .npmrc ./
COPY apps apps
COPY libs libs
COPY services services
COPY tools tools
COPY tsconfig.base.json .swcrc ./
RUN npm ci --no-audit --no-fund && (cd apps/dashboard && npx next build) && npm cache clean --force
ENV SERVICE=xp
CMD ["sh", "-c", "if [ \"$SERVICE\" = dashboard ]; then cd apps/dashboard && exec npx next start -p ${PORT:-3000}; elif [ \"$SERVICE\" = discord-sim ]; then exec node -r @swc-node/register tools/discord-sim/src/main.ts --demo; else exec node -r @swc-node/register services/$SERVICE/src/main.ts; fi"]
