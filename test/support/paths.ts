// Where the embedded environment keeps its state; mirrors dev/versions.sh and dev/env.sh.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

export function cacheDir(): string {
  return process.env.HOOKSYNC_CACHE ?? join(homedir(), '.cache', 'hooksync');
}

export function runDir(): string {
  return process.env.HOOKSYNC_RUN_DIR ?? join(cacheDir(), 'run');
}
