// The worker's own log lines (that it started, what it polls, that it stops and what it hands
// over): plain lines on stdout as always, or JSON lines with --log-format json (jsonLog.ts).
import type { LogFormat } from './productionOptions';
import { jsonLine } from './jsonLog';

export interface WorkerLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

type Write = (line: string) => void;

export function workerLog(format: LogFormat, write: Write = (line) => process.stdout.write(`${line}\n`)): WorkerLog {
  if (format === 'json') {
    return {
      info: (msg, fields) => write(jsonLine('hooksync', 'INFO', msg, fields)),
      warn: (msg, fields) => write(jsonLine('hooksync', 'WARN', msg, fields)),
    };
  }
  // Text: the message alone, as the worker always printed it; fields only say more when warning.
  return {
    info: (msg) => write(msg),
    warn: (msg, fields) => write(fields ? `${msg} ${JSON.stringify(fields)}` : msg),
  };
}
