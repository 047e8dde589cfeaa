// `hooksync codec-server` as a real child process from dist/, on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot } from './paths';
import { readTestEnv } from './testEnv';

export interface CodecServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}

/** The origin of the test environment's Temporal UI, the one origin the codec server answers. */
export const uiOrigin = (): string => new URL(readTestEnv().temporalUiUrl).origin;

export async function startCodecServer(env: Record<string, string> = {}): Promise<CodecServerProcess> {
  const token = randomBytes(24).toString('base64url');
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'hooksync-codec-')), 'token');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const child = spawn(process.execPath, [join(repoRoot, 'dist/client/cli/main.js'), 'codec-server', '--port', '0', '--token-file', tokenFile, '--ui-origin', uiOrigin()], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /codec server on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`codec server exited (${code}):\n${log}`)));
  });
  return {
    child, port, token, url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
