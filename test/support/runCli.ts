// Runs `hooksync ARGS` in-process, capturing what it prints and its exit code.
import { main } from '../../client/cli/main';
import { readTestEnv } from './testEnv';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command that talks to Temporal: pointed at the test server. */
export async function runCli(...args: string[]): Promise<CliRun> {
  const env = readTestEnv();
  return runOfflineCli(...args, '--address', env.temporalAddress, '--temporal-namespace', env.temporalNamespace);
}

/** A command as given, e.g. `plan`, which reaches no server. */
export async function runOfflineCli(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk).replace(/\n$/, '')); return true; });
  try {
    const code = await main(['node', 'hooksync', ...args]);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    // The commands set process.exitCode as the CLI's exit code; it must not become Jest's.
    process.exitCode = undefined;
  }
}

/** `hooksync sync ARGS` routed to a test harness's worker by its cluster name (--cluster). */
export async function runCliSync(clusterName: string, ...args: string[]): Promise<CliRun> {
  return runCli('sync', '--kubeconfig', readTestEnv().kubeconfigPath, '--cluster', clusterName, ...args);
}
