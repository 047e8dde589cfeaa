// Runs `hooksync ARGS` in-process against the test servers, capturing what it prints.
import { main } from '../../client/cli';
import { readTestEnv } from './testEnv';

export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = readTestEnv();
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  try {
    const code = await main(['node', 'hooksync', ...args, '--address', env.temporalAddress, '--temporal-namespace', env.temporalNamespace]);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    // The commands set process.exitCode as the CLI's exit code; it must not become Jest's.
    process.exitCode = undefined;
  }
}
