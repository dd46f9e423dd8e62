import crypto from 'node:crypto';
import { SecretBox, SecretBoxError } from '../../../store/secret-box';

const key = () => crypto.randomBytes(32);

test('seals and opens with associated data; ciphertext does not contain the plaintext', () => {
  const box = new SecretBox([{ id: 'k1', key: key() }]);
  const secret = 'refresh-token-abcdef0123456789';
  const sealed = box.seal(secret, 'jira-drift:acme:refresh');
  expect(sealed.includes(Buffer.from(secret))).toBe(false);
  expect(SecretBox.keyIdOf(sealed)).toBe('k1');
  expect(box.open(sealed, 'jira-drift:acme:refresh')).toBe(secret);
});

test('a ciphertext moved to another tenant or field, or tampered, does not open', () => {
  const box = new SecretBox([{ id: 'k1', key: key() }]);
  const sealed = box.seal('token', 'jira-drift:acme:access');
  expect(() => box.open(sealed, 'jira-drift:other:access')).toThrow(SecretBoxError);
  expect(() => box.open(sealed, 'jira-drift:acme:refresh')).toThrow(SecretBoxError);
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 1]! ^= 1;
  expect(() => box.open(tampered, 'jira-drift:acme:access')).toThrow(/wrong key or tampered/);
});

test('key rotation: new secrets use the first key, old ones still open; a wrong key fails loudly', () => {
  const old = { id: 'k1', key: key() };
  const sealedWithOld = new SecretBox([old]).seal('s', 'a');
  const rotated = new SecretBox([{ id: 'k2', key: key() }, old]);
  expect(rotated.open(sealedWithOld, 'a')).toBe('s');
  expect(SecretBox.keyIdOf(rotated.seal('s', 'a'))).toBe('k2');
  const wrong = new SecretBox([{ id: 'k1', key: key() }]);
  expect(() => wrong.open(sealedWithOld, 'a')).toThrow(/could not be decrypted with key "k1"/);
  expect(() => new SecretBox([{ id: 'k2', key: key() }]).open(sealedWithOld, 'a')).toThrow(/"k1", which is not configured/);
});

test('key specs are validated with clear errors', () => {
  expect(() => SecretBox.fromSpec(undefined)).toThrow(/not set/);
  expect(() => SecretBox.fromSpec('nokey')).toThrow(/keyId:base64/);
  expect(() => SecretBox.fromSpec(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32 bytes/);
  expect(SecretBox.fromSpec(SecretBox.generateKeySpec('abc')).activeKeyId).toBe('abc');
});
