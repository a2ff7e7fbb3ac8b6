# Seconded as a container image: small (Debian slim, production packages only), run as the
# unprivileged `node` user, data on a volume, with a health check. Build: `docker build -t seconded .`
# Every step below is also run outside a container by test/packaging.test.ts.
FROM node:24-bookworm-slim

ENV NODE_ENV=production \
    PORT=3000 \
    SQLITE_FILE=/data/seconded.sqlite
WORKDIR /app

# Production packages only; better-sqlite3 and argon2 ship prebuilt binaries, so no compiler.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY examples ./examples
COPY tsconfig.json LICENSE README.md ./

RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000

# /healthz answers while the process serves; /readyz also checks the database.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "bin/healthcheck.js"]

CMD ["node", "bin/seconded.js", "serve"]
