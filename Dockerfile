# jira-drift worker image. glibc base (the Temporal core bridge has no musl build), non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsx workers/bundle-workflows.ts dist/workflow-bundle.js

FROM node:20-bookworm-slim
ENV NODE_ENV=production WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build /app /app
RUN useradd --system --uid 10001 --home /app jiradrift && chown -R jiradrift /app
USER jiradrift
EXPOSE 9464 8080
CMD ["node", "--import", "tsx", "workers/main.ts"]
