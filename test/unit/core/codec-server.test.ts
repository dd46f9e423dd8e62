import { DefaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../../temporal/payload-codec';
import { SecretBox } from '../../../store/secret-box';
import { buildCodecServer } from '../../../workers/codec-server';

const converter = new DefaultPayloadConverter();
const codec = AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('ui-k1'));
const UI = 'http://localhost:8233';
const app = buildCodecServer({ codec, namespace: 'default', corsOrigins: [UI] });

afterAll(() => app.close());

const asJson = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

test('decodes what the worker encoded, in the JSON shape the Temporal UI sends', async () => {
  const [sealed] = await codec.encode([converter.toPayload({ tenantId: 'acme', state: 'active' })]);
  const response = await app.inject({
    method: 'POST',
    url: '/decode',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: UI },
    payload: { payloads: [asJson(sealed!)] },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['access-control-allow-origin']).toBe(UI);
  const [decoded] = response.json().payloads;
  expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
  expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toEqual({ tenantId: 'acme', state: 'active' });
});

test('encode then decode round-trips (the CLI --codec-endpoint path)', async () => {
  const plain = asJson(converter.toPayload('hello'));
  const encoded = await app.inject({ method: 'POST', url: '/encode', payload: { payloads: [plain] } });
  expect(encoded.statusCode).toBe(200);
  expect(encoded.json().payloads[0].data).not.toBe(plain.data);
  const decoded = await app.inject({ method: 'POST', url: '/decode', payload: encoded.json() });
  expect(decoded.json().payloads[0]).toEqual(plain);
});

test('answers the browser preflight for the UI origin only', async () => {
  const ok = await app.inject({ method: 'OPTIONS', url: '/decode', headers: { origin: UI, 'access-control-request-method': 'POST' } });
  expect(ok.statusCode).toBe(204);
  expect(ok.headers['access-control-allow-headers']).toMatch(/x-namespace/);
  const stranger = await app.inject({ method: 'OPTIONS', url: '/decode', headers: { origin: 'https://evil.example' } });
  expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
});

test('refuses other namespaces, bad bodies and (when configured) missing authorization', async () => {
  const other = await app.inject({ method: 'POST', url: '/decode', headers: { 'x-namespace': 'prod' }, payload: { payloads: [] } });
  expect(other.statusCode).toBe(403);
  const emptyHeader = await app.inject({ method: 'POST', url: '/decode', headers: { 'x-namespace': '' }, payload: { payloads: [] } });
  expect(emptyHeader.statusCode).toBe(200);
  const bad = await app.inject({ method: 'POST', url: '/decode', payload: { payloads: [{ data: 42 }] } });
  expect(bad.statusCode).toBe(400);
  // Proto3 JSON of an empty Payloads message is `{}`.
  expect((await app.inject({ method: 'POST', url: '/encode', payload: {} })).json()).toEqual({ payloads: [] });
  const guarded = buildCodecServer({ codec, namespace: 'default', corsOrigins: [], authorization: 'Bearer s3cret' });
  try {
    expect((await guarded.inject({ method: 'POST', url: '/decode', payload: { payloads: [] } })).statusCode).toBe(401);
    const allowed = await guarded.inject({ method: 'POST', url: '/decode', headers: { authorization: 'Bearer s3cret' }, payload: { payloads: [] } });
    expect(allowed.json()).toEqual({ payloads: [] });
  } finally {
    await guarded.close();
  }
});
