// The dev environment's codec key file, as dev/start.sh makes it and the env file names it. The
// default path mirrors dev/env.sh, so tests still find it if another start rewrote the env file.
import { join } from 'node:path';
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
