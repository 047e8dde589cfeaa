// Reads one input as UTF-8 text within the byte limits: a file's size is checked with stat()
// before it is read, and stdin is read only up to the limit, so an oversized input costs nothing.

import { readFile, stat } from 'node:fs/promises';
import { MAX_FILE_BYTES, MAX_TOTAL_BYTES } from './limits';
import { type ManifestInput, STDIN_NAME, reason } from './listManifestInputs';
import { type LoadProblem } from './loadProblem';

export type ReadInput = { file: string; text: string } | { problem: LoadProblem };

/** Bytes still allowed across all inputs of one load; each read takes its share. */
export interface ByteBudget {
  remaining: number;
}

export type StdinSource = NodeJS.ReadableStream | string;

export async function readManifestInput(input: ManifestInput, stdin: StdinSource, budget: ByteBudget): Promise<ReadInput> {
  const file = input.kind === 'stdin' ? STDIN_NAME : input.path;
  let read: Read;
  try {
    read = input.kind === 'stdin' ? await readStdin(stdin) : await readCapped(input.path);
  } catch (error) {
    return { problem: { file, message: `cannot read: ${reason(error)}` } };
  }
  const tooBig = sizeProblem(read.size, budget);
  if (tooBig !== undefined || read.bytes === undefined) return { problem: { file, message: tooBig ?? 'cannot read' } };
  budget.remaining -= read.size;
  const { bytes } = read;
  try {
    return { file, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: { file, message: 'is not UTF-8 text: save it as UTF-8' } };
  }
}

function sizeProblem(size: number, budget: ByteBudget): string | undefined {
  if (size > MAX_FILE_BYTES) return `is larger than the ${mib(MAX_FILE_BYTES)} allowed for one input; split it`;
  if (size > budget.remaining) return `would take all inputs past the ${mib(MAX_TOTAL_BYTES)} allowed in total`;
  return undefined;
}

/** The size, and the bytes only when the size is within the limit. */
interface Read {
  size: number;
  bytes?: Buffer;
}

async function readCapped(path: string): Promise<Read> {
  const { size } = await stat(path);
  if (size > MAX_FILE_BYTES) return { size };
  const bytes = await readFile(path);
  return { size: bytes.length, bytes };
}

/** Stops one chunk past the limit: enough to know the input is too big, without holding it all. */
async function readStdin(stdin: StdinSource): Promise<Read> {
  if (typeof stdin === 'string') {
    const bytes = Buffer.from(stdin, 'utf8');
    return { size: bytes.length, bytes };
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    chunks.push(buffer);
    length += buffer.length;
    if (length > MAX_FILE_BYTES) return { size: length }; // leaving the loop stops the stream
  }
  return { size: length, bytes: Buffer.concat(chunks) };
}

function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
