// AES-256-GCM PayloadCodec for every Temporal client and worker of jira-drift, so workflow inputs,
// results, signals, queries and memos are ciphertext in Temporal's database and in exported histories.
// The sealing itself is the SecretBox (one choke point for encryption); the key id travels in the
// payload metadata so keys can rotate. Payloads this codec did not encode (histories written before
// encryption was switched on, plain `temporal` CLI inputs) pass through decode unchanged.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { SecretBox } from '../store/secret-box';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
// Binds ciphertexts to their role: a sealed database secret cannot be passed off as a payload.
const ASSOCIATED_DATA = 'jira-drift:temporal-payload:v1';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');

interface SerializedPayload {
  metadata: Record<string, string>;
  data: string;
}

function serialize(payload: Payload): string {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) metadata[key] = b64(value);
  return JSON.stringify({ metadata, data: b64(payload.data) } satisfies SerializedPayload);
}

function deserialize(json: string): Payload {
  const inner = JSON.parse(json) as SerializedPayload;
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(inner.metadata)) metadata[key] = Buffer.from(value, 'base64');
  return { metadata, data: Buffer.from(inner.data, 'base64') };
}

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly box: SecretBox) {}

  /** `keyId:base64(32 bytes)[,older...]`, the same format as JIRA_DRIFT_ENCRYPTION_KEYS. */
  static fromSpec(spec: string): AesGcmPayloadCodec {
    return new AesGcmPayloadCodec(SecretBox.fromSpec(spec));
  }

  get activeKeyId(): string {
    return this.box.activeKeyId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => ({
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: Buffer.from(this.box.activeKeyId),
      },
      data: this.box.seal(serialize(payload), ASSOCIATED_DATA),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      // The sealed bytes name their key too; SecretBox refuses unknown keys with a clear message.
      return deserialize(this.box.open(Buffer.from(payload.data ?? new Uint8Array()), ASSOCIATED_DATA));
    });
  }
}
