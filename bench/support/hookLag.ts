// S4's observer: one watch on the namespace's Jobs and one on its ConfigMaps, in the bench process,
// so that hooksync and B are timed by the same clock and the same watch delivery. The lag is from
// the moment the hook Job is seen Complete to the moment the next step's ConfigMap is seen created.
import type { DirectKube } from '../baseline/directKube';

export interface HookLagObserver {
  /** Milliseconds from Job Complete to the ConfigMap's creation; NaN if not both seen within `graceMs`. */
  lag(graceMs: number): Promise<number>;
  stop(): void;
}

interface Conditioned {
  metadata?: { name?: string };
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

export async function observeHookLag(kube: DirectKube, namespace: string, configMap: string): Promise<HookLagObserver> {
  let completeAt: number | undefined;
  let writtenAt: number | undefined;
  let settle: (() => void) | undefined;
  const both = new Promise<void>((resolve) => { settle = resolve; });
  const check = () => { if (completeAt !== undefined && writtenAt !== undefined) settle?.(); };
  const stopJobs = await kube.watch(`/apis/batch/v1/namespaces/${namespace}/jobs?watch=1`, (_type, object) => {
    const job = object as Conditioned;
    const complete = job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True');
    if (complete && completeAt === undefined) completeAt = performance.now();
    check();
  });
  const stopConfigMaps = await kube.watch(`/api/v1/namespaces/${namespace}/configmaps?watch=1`, (type, object) => {
    if (type === 'ADDED' && (object as Conditioned).metadata?.name === configMap && writtenAt === undefined) writtenAt = performance.now();
    check();
  });
  return {
    async lag(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([both, new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
      clearTimeout(timer);
      return completeAt !== undefined && writtenAt !== undefined ? writtenAt - completeAt : NaN;
    },
    stop() {
      stopJobs();
      stopConfigMaps();
    },
  };
}
