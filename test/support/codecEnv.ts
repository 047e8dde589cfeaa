// The dev environment's codec key file, as dev/start.sh makes it and the env file names it. The
// default path mirrors dev/env.sh, so tests still find it if another start rewrote the env file.
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { codecConfigFromEnv, payloadCodecs } from '../../codec/dataConverter';
import { runDir } from './paths';
import { readEnvFile } from './testEnv';

export function codecKeyFile(): string {
  return readEnvFile().get('HOOKSYNC_CODEC_KEY_FILE') ?? join(runDir(), 'codec-keys');
}

export function claimCheckDir(): string {
  return readEnvFile().get('HOOKSYNC_CLAIM_CHECK_DIR') ?? join(runDir(), 'claims');
}

/** Points this process (and the workers and CLIs it starts) at the dev key, as `source env` would. */
export function useDevCodec(): void {
  delete process.env.HOOKSYNC_CODEC_KEYS;
  process.env.HOOKSYNC_CODEC_KEY_FILE = codecKeyFile();
  process.env.HOOKSYNC_CLAIM_CHECK_DIR = claimCheckDir();
}

/**
 * A payload read from raw history (summaries, encoded failure attributes), decoded as the workers'
 * data converter would with this process's codec settings; undefined when it cannot be.
 */
export async function decodeRawPayload(payload: Payload): Promise<unknown> {
  try {
    let payloads = [payload];
    for (const codec of payloadCodecs(codecConfigFromEnv()).reverse()) payloads = await codec.decode(payloads);
    return defaultPayloadConverter.fromPayload(payloads[0]);
  } catch {
    return undefined;
  }
}
