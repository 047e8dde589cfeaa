// The live progress of a sync as plain appended lines, kapp-style, so that a CI log reads like a
// terminal: a header per group as it starts, then `apply`, `waiting`, `ok` and `fail` lines per
// object, each with a timestamp. Colour only helps a person at a terminal: it is used on a TTY
// and never when NO_COLOR is set (https://no-color.org) or TERM is dumb.
import { createColors } from 'picocolors';
import type { ResourceRow, SyncResult } from '../../sync/syncRun';
import { retryWaitText, type WaitingReason } from '../../sync/waitingReason';
import { pauseText } from '../../sync/waveDelay';

export interface ProgressPrinter {
  /** Lines for what changed in the sync's state since the last call. */
  state(state: SyncResult): string[];
  /** Lines for waiting reasons that changed since the last call. */
  waiting(reasons: readonly WaitingReason[]): string[];
}

export interface ProgressOptions {
  now?: () => Date;
  colour?: boolean;
}

/** Colour for a stream: a terminal, and the user has not asked for none. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

type Row = Pick<ResourceRow, 'syncPhase' | 'kind' | 'namespace' | 'name'>;
const rowKey = (r: Row) => `${r.syncPhase}/${r.kind}/${r.namespace}/${r.name}`;
const objectOf = (r: Pick<Row, 'kind' | 'namespace' | 'name'>) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
/** All SyncFail hooks start together whatever their waves (DESIGN, spec C-d). */
const groupKey = (r: ResourceRow) => (r.syncPhase === 'SyncFail' ? 'SyncFail' : `${r.syncPhase} wave ${r.wave}`);
const FINAL = new Set(['Succeeded', 'Failed', 'Pruned', 'PruneSkipped']);

export function progressPrinter({ now = () => new Date(), colour = false }: ProgressOptions = {}): ProgressPrinter {
  const c = createColors(colour);
  const seenState = new Map<string, string>();
  const seenReason = new Map<string, string>();
  const startedGroups = new Set<string>();
  const shownRetryWaits = new Set<number>();
  const shownPauses = new Set<string>();
  let attempt: number | undefined;
  const line = (text: string) => `${c.dim(now().toISOString().slice(11, 19))}  ${text}`;
  const event = (verb: string, paint: (s: string) => string, row: Pick<Row, 'kind' | 'namespace' | 'name'>, detail: string) =>
    line(`${paint(verb.padEnd(8))} ${objectOf(row)}${detail ? `: ${detail}` : ''}`);

  function rowLine(r: ResourceRow): string {
    // A hook's phase, a resource's health (its hook phase, which Argo CD's rows carry, says less).
    const outcome = [r.hookType ? r.hookPhase : r.health, r.message].filter(Boolean).join(': ');
    switch (r.state) {
      case 'Running': return r.status === 'Pruned' ? event('delete', c.cyan, r, 'waiting for it to be gone') : event('apply', c.cyan, r, r.message);
      case 'Succeeded': return event('ok', c.green, r, outcome);
      case 'Failed': return event('fail', c.red, r, outcome);
      case 'Pruned': return event('pruned', c.cyan, r, r.message);
      default: return event('skipped', c.dim, r, r.message);
    }
  }

  /**
   * An automatic retry continues as the next attempt: its groups start again (headers anew), and
   * the rows it carried over from earlier attempts were printed when they ran.
   */
  function newAttempt(state: SyncResult): string[] {
    const first = attempt === undefined;
    attempt = state.attempt;
    if (first) return [];
    seenState.clear();
    seenReason.clear();
    startedGroups.clear();
    shownPauses.clear();
    for (const r of state.resources.filter((row) => row.carriedFrom !== undefined)) seenState.set(rowKey(r), r.state);
    // Where it resumed, even when the first state seen is its end (the watcher came late).
    return [line(c.bold(`Attempt ${state.attempt}: ${state.retryStart ?? state.message}`))];
  }

  function retryWaitLines(state: SyncResult): string[] {
    const wait = state.retryWait;
    if (!wait || shownRetryWaits.has(wait.retry)) return [];
    shownRetryWaits.add(wait.retry);
    return [line(`${c.yellow('waiting'.padEnd(8))} ${retryWaitText(wait)}: ${wait.previous.message}`)];
  }

  function pauseLines(state: SyncResult): string[] {
    const pause = state.pause;
    if (!pause || shownPauses.has(pause.message)) return [];
    shownPauses.add(pause.message);
    return [line(`${c.yellow('waiting'.padEnd(8))} ${pauseText(pause)}`)];
  }

  const printer: ProgressPrinter = {
    state(state) {
      const lines: string[] = state.attempt !== attempt ? newAttempt(state) : [];
      for (const r of state.resources) {
        if (r.state === 'Pending' || seenState.get(rowKey(r)) === r.state) continue;
        seenState.set(rowKey(r), r.state);
        if (r.state !== 'PruneSkipped' && !startedGroups.has(groupKey(r))) {
          startedGroups.add(groupKey(r));
          lines.push(line(c.bold(groupHeader(groupKey(r), state.resources))));
        }
        lines.push(rowLine(r));
      }
      // What the workflow itself waits for (a prune's confirmation, the next attempt) is in its state.
      return [...lines, ...printer.waiting(state.waitingFor ?? []), ...pauseLines(state), ...retryWaitLines(state)];
    },
    waiting(reasons) {
      const lines: string[] = [];
      for (const w of reasons) {
        const key = rowKey({ ...w, syncPhase: w.phase });
        if (FINAL.has(seenState.get(key) ?? '') || seenReason.get(key) === w.reason) continue;
        seenReason.set(key, w.reason);
        lines.push(event('waiting', c.yellow, w, w.reason));
      }
      return lines;
    },
  };
  return printer;
}

/** `PreSync wave 0: 1 hook`, `Sync wave -1: 2 resources`, `SyncFail: 1 hook`. */
function groupHeader(group: string, rows: readonly ResourceRow[]): string {
  const members = rows.filter((r) => r.state !== 'PruneSkipped' && groupKey(r) === group);
  const hooks = members.filter((r) => r.hookType).length;
  const resources = members.length - hooks;
  const counts = [resources && plural(resources, 'resource'), hooks && plural(hooks, 'hook')].filter(Boolean);
  return `${group}: ${counts.join(', ')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What followSync and watchSync take: progress printed to stdout, or nothing for json and yaml. */
export interface ProgressCallbacks {
  onState: (state: SyncResult) => void;
  onWaiting?: (reasons: WaitingReason[]) => void;
}

export function consoleProgress(enabled: boolean): ProgressCallbacks {
  if (!enabled) return { onState: () => undefined };
  const printer = progressPrinter({ colour: wantsColour(process.stdout) });
  const print = (lines: string[]) => { for (const text of lines) console.log(text); };
  return { onState: (state) => print(printer.state(state)), onWaiting: (reasons) => print(printer.waiting(reasons)) };
}
