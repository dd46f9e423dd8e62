// The one place secrets are sealed and opened: AES-256-GCM with keys from the environment.
// Sealed layout: [1 byte version=1][1 byte key-id length][key id][12 byte IV][16 byte tag][ciphertext].
// The associated data binds a ciphertext to its tenant and purpose, so a row copied onto another
// tenant (or an access token swapped for a refresh token) fails to open instead of being misused.
import crypto from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export class SecretBox {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: Array<{ id: string; key: Buffer }>,
    readonly activeKeyId: string = keys[0]?.id ?? '',
  ) {
    if (keys.length === 0) throw new SecretBoxError('no encryption key configured (JIRA_DRIFT_ENCRYPTION_KEYS)');
    for (const { id, key } of keys) {
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw new SecretBoxError(`invalid encryption key id "${id.slice(0, 64)}"`);
      if (key.length !== 32) throw new SecretBoxError(`encryption key "${id}" must be 32 bytes, got ${key.length}`);
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    if (!this.keys.has(this.activeKeyId)) throw new SecretBoxError(`active key "${this.activeKeyId}" is not configured`);
  }

  /** Parses `id:base64,id2:base64`; the first key is the active one. */
  static fromSpec(spec: string | undefined): SecretBox {
    if (!spec) throw new SecretBoxError('JIRA_DRIFT_ENCRYPTION_KEYS is not set (expected "keyId:base64-32-bytes")');
    const keys = spec.split(',').map((part) => {
      const [id, b64] = part.trim().split(':');
      if (!id || !b64) throw new SecretBoxError('JIRA_DRIFT_ENCRYPTION_KEYS entries must look like "keyId:base64"');
      return { id, key: Buffer.from(b64, 'base64') };
    });
    return new SecretBox(keys);
  }

  /** A key for another purpose (e.g. signing drift cursors), derived from the active key with HKDF. */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.keys.get(this.activeKeyId)!, Buffer.alloc(0), `jira-drift:${purpose}`, 32));
  }

  /**
   * HMAC-SHA256 (lowercase hex) keyed for one purpose, e.g. hashing one tenant's automation rule
   * secrets: without the key, a stored hash of a short secret cannot be checked against guesses. The key
   * derives from the active key, so rotating it changes every such hash once.
   */
  keyedHasher(purpose: string): (value: string) => string {
    const key = this.deriveKey(purpose);
    return (value) => crypto.createHmac('sha256', key).update(value, 'utf8').digest('hex');
  }

  static generateKeySpec(id = 'k1'): string {
    return `${id}:${crypto.randomBytes(32).toString('base64')}`;
  }

  seal(plaintext: string, associatedData: string): Buffer {
    const key = this.keys.get(this.activeKeyId)!;
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const keyId = Buffer.from(this.activeKeyId, 'utf8');
    return Buffer.concat([Buffer.from([VERSION, keyId.length]), keyId, iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, associatedData: string): string {
    if (sealed.length < 2 || sealed[0] !== VERSION) throw new SecretBoxError('sealed secret has an unknown format');
    const idLength = sealed[1]!;
    const keyId = sealed.subarray(2, 2 + idLength).toString('utf8');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`secret was sealed with key "${keyId}", which is not configured`);
    let offset = 2 + idLength;
    const iv = sealed.subarray(offset, (offset += IV_BYTES));
    const tag = sealed.subarray(offset, (offset += TAG_BYTES));
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(offset)), decipher.final()]).toString('utf8');
    } catch {
      // Never include the ciphertext or plaintext: only say which key failed.
      throw new SecretBoxError(`secret could not be decrypted with key "${keyId}" (wrong key or tampered data)`);
    }
  }

  /** Key id recorded in a sealed value (for rotation reports). */
  static keyIdOf(sealed: Buffer): string {
    return sealed.subarray(2, 2 + (sealed[1] ?? 0)).toString('utf8');
  }
}
