// Expands the `-f` arguments into the inputs to read, as kubectl does: a file is read whatever its
// name, a directory is walked recursively for *.yaml, *.yml and *.json (case as written, like
// kubectl), and `-` is stdin. Directory entries are sorted by name (UTF-16 code units) so the
// order, and with it every message and plan, is the same on every machine: Node's own order comes
// from the platform and is sorted on Linux only because libuv happens to sort it.

import { type Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type LoadProblem } from './loadProblem';

export type ManifestInput = { kind: 'stdin' } | { kind: 'file'; path: string };

/** In argument order: an input to read, or why a path gave none. */
export type ListedInput = { input: ManifestInput } | { problem: LoadProblem };

export const STDIN_ARGUMENT = '-';
export const STDIN_NAME = '<stdin>';
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export async function listManifestInputs(paths: readonly string[]): Promise<ListedInput[]> {
  const listed: ListedInput[] = [];
  let stdinSeen = false;
  for (const path of paths) {
    if (path !== STDIN_ARGUMENT) {
      listed.push(...(await listPath(path)));
    } else if (stdinSeen) {
      listed.push({ problem: { file: STDIN_NAME, message: '"-" is given more than once; stdin can be read only once' } });
    } else {
      stdinSeen = true;
      listed.push({ input: { kind: 'stdin' } });
    }
  }
  return listed;
}

async function listPath(path: string): Promise<ListedInput[]> {
  const kind = await kindOf(path);
  if (typeof kind !== 'string') return [kind];
  if (kind !== 'directory') return [{ input: { kind: 'file', path } }];
  const listed: ListedInput[] = [];
  await walk(path, new Set(), listed);
  if (listed.length === 0) {
    return [{ problem: { file: path, message: 'directory holds no .yaml, .yml or .json file: check the path' } }];
  }
  return listed;
}

/** Depth first in name order; a directory reached twice through links is walked once. */
async function walk(dir: string, visited: Set<string>, listed: ListedInput[]): Promise<void> {
  const real = await realpath(dir);
  if (visited.has(real)) return;
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    listed.push({ problem: { file: dir, message: `cannot list directory: ${reason(error)}` } });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const kind = entry.isSymbolicLink() ? await kindOf(path) : entry.isDirectory() ? 'directory' : 'file';
    if (kind === 'directory') await walk(path, visited, listed);
    else if (typeof kind !== 'string') listed.push(kind);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      if (MANIFEST_EXTENSIONS.has(extname(entry.name))) listed.push({ input: { kind: 'file', path } });
    }
  }
}

async function kindOf(path: string): Promise<'directory' | 'file' | { problem: LoadProblem }> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    return { problem: { file: path, message: `cannot read: ${reason(error)}` } };
  }
}

/** The operating system's reason without the stack or the repeated path. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return code ?? (error instanceof Error ? error.message : String(error));
}
