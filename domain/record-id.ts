// Database ids (bigserial: snapshots, drift scans, drift events) as they travel through inputs,
// cursors and payloads: positive integers written as text, at most 19 digits.
export const RECORD_ID_PATTERN = /^[1-9][0-9]{0,18}$/;

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID_PATTERN.test(value);
}
