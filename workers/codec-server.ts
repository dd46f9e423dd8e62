// Codec server for the Temporal Web UI and CLI: POST /encode and POST /decode with the payloads of
// one namespace, so operators see decrypted inputs, results and memos (`temporal server start-dev
// --ui-codec-endpoint http://localhost:8888`, or the CLI's `--codec-endpoint`). The browser calls it
// directly, hence CORS for the UI's origin. Run: `npm run codec-server` (env as for the worker).
import type { Payload } from '@temporalio/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AesGcmPayloadCodec } from '../temporal/payload-codec';
import { loadEnv } from '../config/env';

export interface CodecServerOptions {
  codec: AesGcmPayloadCodec;
  /** Only payloads of this namespace are handled (the UI sends X-Namespace). */
  namespace: string;
  /** Browser origins allowed to call the server (the Temporal UI's URL). */
  corsOrigins: string[];
  /** When set, requests must carry exactly this Authorization header (CLI: --codec-auth). */
  authorization?: string;
}

// Proto3 JSON of temporal.api.common.v1.Payloads: bytes are base64 strings.
const payloadsBody = z.object({
  // Proto3 JSON omits empty repeated fields: `{}` is an empty list (the CLI sends it for no arguments).
  payloads: z
    .array(z.object({ metadata: z.record(z.string()).nullish(), data: z.string().nullish() }))
    .max(10_000)
    .default([]),
});

function fromJson(p: z.infer<typeof payloadsBody>['payloads'][number]): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v, 'base64');
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload) {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v ?? new Uint8Array()).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

export function buildCodecServer(o: CodecServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && o.corsOrigins.includes(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Vary', 'Origin');
      reply.header('Access-Control-Allow-Credentials', 'true');
      reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      reply.header('Access-Control-Allow-Headers', 'content-type, x-namespace, authorization');
    }
    if (request.method === 'OPTIONS') return reply.code(204).send();
    if (request.url === '/healthz') return;
    if (o.authorization !== undefined && request.headers.authorization !== o.authorization) {
      return reply.code(401).send({ message: 'unauthorized' });
    }
    // The CLI sends an empty X-Namespace when --namespace is left at its default.
    const namespace = request.headers['x-namespace'];
    if (namespace !== undefined && namespace !== '' && namespace !== o.namespace)
      return reply.code(403).send({ message: `namespace ${String(namespace)} is not served here` });
  });
  app.get('/healthz', async () => ({ ok: true }));
  for (const direction of ['encode', 'decode'] as const) {
    app.post(`/${direction}`, async (request, reply) => {
      const parsed = payloadsBody.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send({ message: 'body must be {"payloads":[{"metadata":{...},"data":"base64"}]}' });
      try {
        const payloads = await o.codec[direction](parsed.data.payloads.map(fromJson));
        return { payloads: payloads.map(toJson) };
      } catch (err) {
        // SecretBox errors name the key only; never echo payload contents.
        return reply.code(400).send({ message: err instanceof Error ? err.message : 'could not decode' });
      }
    });
  }
  return app;
}

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.JIRA_DRIFT_PAYLOAD_KEYS) throw new Error('JIRA_DRIFT_PAYLOAD_KEYS is not set: nothing to decode');
  const app = buildCodecServer({
    codec: AesGcmPayloadCodec.fromSpec(env.JIRA_DRIFT_PAYLOAD_KEYS),
    namespace: env.TEMPORAL_NAMESPACE,
    corsOrigins: env.CODEC_CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    authorization: env.CODEC_SERVER_AUTHORIZATION,
  });
  const host = env.CODEC_SERVER_HOST;
  await app.listen({ port: env.CODEC_SERVER_PORT, host });
  process.stdout.write(`${JSON.stringify({ codecEndpoint: `http://${host}:${env.CODEC_SERVER_PORT}` })}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`codec server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
