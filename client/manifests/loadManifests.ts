// The entry point for `-f PATH...`: reads every input, keeps going past bad ones, and returns all
// manifests and all problems, so the CLI can print every problem at once and exit 2 if any.

import { type Manifest } from '../../sync/manifest';
import { MAX_TOTAL_BYTES } from './limits';
import { listManifestInputs } from './listManifestInputs';
import { loadManifestText } from './loadManifestText';
import { type LoadProblem } from './loadProblem';
import { type ByteBudget, type StdinSource, readManifestInput } from './readManifestInput';

export interface LoadOptions {
  /** What `-` reads; defaults to process.stdin. Read at most once. */
  stdin?: StdinSource;
}

export interface LoadResult {
  /** In argument order, then directory order, then document order. */
  manifests: Manifest[];
  problems: LoadProblem[];
}

export async function loadManifests(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const result: LoadResult = { manifests: [], problems: [] };
  const budget: ByteBudget = { remaining: MAX_TOTAL_BYTES };
  for (const listed of await listManifestInputs(paths)) {
    if ('problem' in listed) {
      result.problems.push(listed.problem);
      continue;
    }
    const read = await readManifestInput(listed.input, options.stdin ?? process.stdin, budget);
    if ('problem' in read) {
      result.problems.push(read.problem);
      continue;
    }
    const loaded = loadManifestText(read.text, read.file);
    for (const manifest of loaded.manifests) result.manifests.push(manifest);
    for (const problem of loaded.problems) result.problems.push(problem);
  }
  return result;
}
