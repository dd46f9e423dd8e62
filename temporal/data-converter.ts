// The data converter every jira-drift client and worker uses: JSON payloads, encrypted by the
// AES-256-GCM codec when JIRA_DRIFT_PAYLOAD_KEYS is set. Client and worker must agree, so both take
// it from here.
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './payload-codec';

export function payloadCodecFromKeys(spec: string | undefined): AesGcmPayloadCodec | undefined {
  return spec ? AesGcmPayloadCodec.fromSpec(spec) : undefined;
}

export function dataConverterFromKeys(spec: string | undefined): DataConverter | undefined {
  const codec = payloadCodecFromKeys(spec);
  return codec ? { payloadCodecs: [codec] } : undefined;
}
