import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../../temporal/payload-codec';
import { SecretBox } from '../../../store/secret-box';

const converter = new DefaultPayloadConverter();
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');

test('encodes to AES-256-GCM ciphertext with the key id in metadata, and decodes back exactly', async () => {
  const codec = AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('p1'));
  const value = { tenantId: 'acme', secretish: 'do-not-show-this-in-history', n: 42 };
  const plain = converter.toPayload(value);
  const [encoded] = await codec.encode([plain]);
  expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encoded!.metadata![KEY_ID_METADATA])).toBe('p1');
  expect(Buffer.from(encoded!.data!).includes(Buffer.from('do-not-show'))).toBe(false);
  expect(Buffer.from(encoded!.data!).includes(Buffer.from('json/plain'))).toBe(false);
  const [decoded] = await codec.decode([encoded!]);
  expect(converter.fromPayload(decoded!)).toEqual(value);
  expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
});

test('payloads it did not encode (old histories, plain CLI input, null) pass through decode unchanged', async () => {
  const codec = AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('p1'));
  const plain = converter.toPayload({ old: true });
  const nullPayload = converter.toPayload(null);
  const empty: Payload = {};
  expect(await codec.decode([plain, nullPayload, empty])).toEqual([plain, nullPayload, empty]);
});

test('empty and binary payloads survive the round trip', async () => {
  const codec = AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('p1'));
  const binary: Payload = { metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.from([0, 255, 1, 2]) };
  const undefinedPayload = converter.toPayload(undefined);
  const decoded = await codec.decode(await codec.encode([binary, undefinedPayload]));
  expect(Buffer.from(decoded[0]!.data!)).toEqual(Buffer.from([0, 255, 1, 2]));
  expect(converter.fromPayload(decoded[1]!)).toBeUndefined();
});

test('key rotation: new payloads use the first key, payloads sealed with an older key still decode', async () => {
  const oldSpec = SecretBox.generateKeySpec('p1');
  const oldCodec = AesGcmPayloadCodec.fromSpec(oldSpec);
  const sealedWithOld = await oldCodec.encode([converter.toPayload('x')]);
  const rotated = AesGcmPayloadCodec.fromSpec(`${SecretBox.generateKeySpec('p2')},${oldSpec}`);
  expect(converter.fromPayload((await rotated.decode(sealedWithOld))[0]!)).toBe('x');
  const [fresh] = await rotated.encode([converter.toPayload('y')]);
  expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('p2');
});

test('a missing key or tampered payload fails loudly, naming only the key', async () => {
  const [sealed] = await AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('p1')).encode([converter.toPayload('secret-value')]);
  const other = AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('p9'));
  await expect(other.decode([sealed!])).rejects.toThrow(/key "p1", which is not configured/);
  const sameIdWrongKey = AesGcmPayloadCodec.fromSpec(SecretBox.generateKeySpec('p1'));
  await expect(sameIdWrongKey.decode([sealed!])).rejects.toThrow(/wrong key or tampered/);
  const tampered = { ...sealed!, data: Buffer.from(sealed!.data!) };
  tampered.data[tampered.data.length - 1]! ^= 1;
  await expect(sameIdWrongKey.decode([tampered])).rejects.not.toThrow(/secret-value/);
});

test('a database secret sealed by the SecretBox cannot be passed off as a payload', async () => {
  const spec = SecretBox.generateKeySpec('k1');
  const dbSealed = SecretBox.fromSpec(spec).seal('{"metadata":{},"data":""}', 'jira-drift:acme:access');
  const forged: Payload = { metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING) }, data: dbSealed };
  await expect(AesGcmPayloadCodec.fromSpec(spec).decode([forged])).rejects.toThrow(/wrong key or tampered/);
});
