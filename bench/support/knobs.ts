// What a bench run does, from the environment, so that one command (`npm run bench`) covers the
// quick check and the full run:
//   HOOKSYNC_BENCH_QUICK=1          fewer rounds, smaller scenarios (~3 min)
//   HOOKSYNC_BENCH_ONLY=s1,fixed    only these scenarios (ids below)
//   HOOKSYNC_BENCH_ROUNDS=5         interleaved rounds per scenario
//   HOOKSYNC_BENCH_LIMIT=120        seconds a hooksync sync may take before the bench stops it
//   HOOKSYNC_BENCH_CONCURRENCY=16   B's requests in flight within a group
//   HOOKSYNC_BENCH_S6_SYNCS=10      syncs at once in S6 (quick: 5); HOOKSYNC_BENCH_S6_50=1 adds a run of 50
//   HOOKSYNC_BENCH_S6_ROUNDS=1      rounds of S6 (each on a fresh worker, for its peak RSS)
//   HOOKSYNC_BENCH_S4_REPS=10       hook completions timed per side in S4
//   HOOKSYNC_BENCH_KILLS=3          worker kills in the kill scenario
//   HOOKSYNC_BENCH_WORKER_ENV='{"HOOKSYNC_WORKER_V8_FLAGS":""}'  a JSON object added to the
//                                   environment of the workers S6 and start spawn (to compare settings)

export const SCENARIOS = ['s1', 'fixed', 'waves', 's3', 's4', 's6', 'cli', 'kill', 'start'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface Knobs {
  quick: boolean;
  only: ReadonlySet<ScenarioId>;
  rounds: number;
  limitSeconds: number;
  concurrency: number;
  waveCounts: number[];
  wideCounts: number[];
  s4Reps: number;
  s6Syncs: number;
  s6Rounds: number;
  s6Fifty: boolean;
  kills: number;
  workerEnv: Record<string, string>;
}

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw}: a positive number is expected`);
  return value;
}

function workerEnvFrom(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`HOOKSYNC_BENCH_WORKER_ENV: not JSON (${(err as Error).message}); expected an object such as {"HOOKSYNC_WORKER_V8_FLAGS":""}`, { cause: err });
  }
  const entries = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : undefined;
  if (!entries || entries.some(([, v]) => typeof v !== 'string')) throw new Error('HOOKSYNC_BENCH_WORKER_ENV: expected a JSON object of strings, such as {"HOOKSYNC_WORKER_V8_FLAGS":""}');
  return Object.fromEntries(entries) as Record<string, string>;
}

function scenariosFrom(raw: string | undefined): Set<ScenarioId> {
  if (!raw) return new Set(SCENARIOS);
  const wanted = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`HOOKSYNC_BENCH_ONLY: unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  return new Set(wanted as ScenarioId[]);
}

export function readKnobs(): Knobs {
  const quick = process.env.HOOKSYNC_BENCH_QUICK === '1';
  return {
    quick,
    only: scenariosFrom(process.env.HOOKSYNC_BENCH_ONLY),
    rounds: numberFrom('HOOKSYNC_BENCH_ROUNDS', quick ? 2 : 5),
    limitSeconds: numberFrom('HOOKSYNC_BENCH_LIMIT', quick ? 90 : 120),
    concurrency: numberFrom('HOOKSYNC_BENCH_CONCURRENCY', 16),
    waveCounts: quick ? [1, 5, 10] : [1, 5, 10, 20],
    wideCounts: quick ? [200] : [200, 1000],
    s4Reps: numberFrom('HOOKSYNC_BENCH_S4_REPS', quick ? 5 : 10),
    s6Syncs: numberFrom('HOOKSYNC_BENCH_S6_SYNCS', quick ? 5 : 10),
    s6Rounds: numberFrom('HOOKSYNC_BENCH_S6_ROUNDS', 1),
    s6Fifty: process.env.HOOKSYNC_BENCH_S6_50 === '1',
    kills: numberFrom('HOOKSYNC_BENCH_KILLS', quick ? 1 : 3),
    workerEnv: workerEnvFrom(process.env.HOOKSYNC_BENCH_WORKER_ENV),
  };
}

export function describeKnobs(k: Knobs): string {
  const env = Object.keys(k.workerEnv).length > 0 ? `, worker env ${JSON.stringify(k.workerEnv)}` : '';
  return `${k.quick ? 'quick' : 'full'} mode, ${k.rounds} rounds, B concurrency ${k.concurrency}, sync limit ${k.limitSeconds} s${env}`;
}
