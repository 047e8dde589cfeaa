// `--log-format json`: one JSON object per line on stdout, for log shippers that parse lines
// (Loki, Cloud Logging, Elasticsearch). The worker's own lines and the SDK's (its Node side, and
// the Rust core's, forwarded) share the shape: time, level, source, msg, then the entry's fields.
import type { LogEntry, LogLevel } from '@temporalio/worker';

export interface JsonLine {
  time: string;
  level: Lowercase<LogLevel>;
  /** `hooksync` for the worker's own lines, `sdk` for the Temporal SDK's. */
  source: 'hooksync' | 'sdk';
  msg: string;
  [field: string]: unknown;
}

/** Fields that cannot go into JSON as they are: errors lose their fields, bigints throw. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** The line for one entry; the entry's fields never replace time, level, source or msg. */
export function jsonLine(source: JsonLine['source'], level: LogLevel, msg: string, fields: Record<string, unknown> = {}, at = new Date()): string {
  const line: JsonLine = { time: at.toISOString(), level: level.toLowerCase() as JsonLine['level'], source, msg };
  for (const [key, value] of Object.entries(fields)) if (!(key in line) && value !== undefined) line[key] = plain(value);
  return JSON.stringify(line, (_key, value: unknown) => plain(value));
}

/** An SDK log entry as a line: its time is in nanoseconds since the epoch. */
export function sdkJsonLine(entry: LogEntry): string {
  const at = new Date(Number(entry.timestampNanos / 1_000_000n));
  return jsonLine('sdk', entry.level, entry.message, entry.meta ?? {}, at);
}
