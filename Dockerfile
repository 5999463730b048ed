# Medfolio API and worker image. Chromium comes from Debian; Puppeteer never downloads one.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    CHROMIUM_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=3000
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web
USER node
EXPOSE 3000
CMD ["npm", "start"]
