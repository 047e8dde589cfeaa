// Connection facts of the embedded environment, read from the env file that dev/start.sh writes,
// so tests and scripts agree with the servers that are actually up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDir } from './paths';

export interface TestEnv {
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string;
  kubeconfigPath: string;
}

/** The env file of the Temporal set-up the tests run against (HOOKSYNC_TEMPORAL, as dev/env.sh). */
const envFile = () => join(runDir(), process.env.HOOKSYNC_TEMPORAL === 'cluster' ? 'env.cluster' : 'env');

/** Every `export NAME=value` line of the env file. */
export function readEnvFile(): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of readFileSync(envFile(), 'utf8').split('\n')) {
    const m = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) vars.set(m[1], m[2]);
  }
  return vars;
}

export function readTestEnv(): TestEnv {
  const file = envFile();
  const vars = readEnvFile();
  const need = (name: string): string => {
    const value = vars.get(name);
    if (!value) throw new Error(`${file} has no ${name}; run dev/start.sh`);
    return value;
  };
  return {
    temporalAddress: need('TEMPORAL_ADDRESS'),
    temporalNamespace: need('TEMPORAL_NAMESPACE'),
    temporalUiUrl: need('HOOKSYNC_TEMPORAL_UI'),
    kubeconfigPath: need('KUBECONFIG'),
  };
}
