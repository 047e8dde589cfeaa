// `--wave-delay`: an optional pause between two groups of a sync, Argo CD's ARGOCD_SYNC_WAVE_DELAY
// (argo-cd#4669). Argo CD needs one because it may read a resource's health before its controller
// has seen the new spec; hooksync reads health only once the controller has observed the new
// generation, so it needs none and pauses only when asked. Pure: the workflow asks these.
import { formatTimeout } from './hookTimeout';
import { type SyncGroup } from './types';

/**
 * Milliseconds to pause before `next`: the asked delay between two groups this run runs, none
 * before the first one (nothing came before it), and none when no delay was asked.
 */
export function waveDelayBefore(seconds: number | undefined, isFirstGroupRun: boolean): number {
  if (isFirstGroupRun || seconds === undefined || !(seconds > 0)) return 0;
  return seconds * 1000;
}

/** A pause that runs now, in the state query: what it is and when it ends (workflow time). */
export interface WaveDelayPause {
  message: string;
  /** ISO time the timer fires. */
  until: string;
}

/** The progress line's text: `the 30s --wave-delay pause before Sync wave 1, until 10:00:30Z`. */
export function pauseText(pause: WaveDelayPause): string {
  return `${pause.message}, until ${pause.until.slice(11, 19)}Z`;
}

/** How the pause is named in the UI (timer summary, current details) and in a timeout's message. */
export function describeWaveDelay(seconds: number, next: Pick<SyncGroup, 'phase' | 'wave'>): string {
  return `the ${formatTimeout(seconds)} --wave-delay pause before ${next.phase} wave ${next.wave}`;
}
