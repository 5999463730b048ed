# Medfolio API and worker image. Chromium comes from Debian; Puppeteer never downloads one.
# Stage 1 compiles (npm run build: dist/ and web/dist); stage 2 runs the compiled output with
# production dependencies only.
FROM node:20-bookworm-slim AS build
ENV PUPPETEER_SKIP_DOWNLOAD=1
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
COPY bin/package.json bin/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    CHROMIUM_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=3000
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation ca-certificates curl procps \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
COPY bin/package.json bin/
RUN npm ci --omit=dev --no-audit --no-fund
# The sources stay beside the build: prompts/ and the demo personas are read at run time, and
# the build records (dist/*.build.json) match them, so nothing is rebuilt here.
COPY . .
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 3000
# The API without the supervisor: Docker restarts it (restart: unless-stopped).
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
