// Wakes a waiting activity when something it waits for changes. Watches are only a signal: after
// every wake-up the caller re-reads the live objects, so a missed event costs at most one quiet
// period (the caller re-lists then anyway) and never a wrong result.
import { Watch, type KubeConfig } from '@kubernetes/client-node';

export interface WatchedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export class ChangeWatch {
  private readonly watches = new Map<string, AbortController>();
  private wake: (() => void) | undefined;
  private changed = false;

  constructor(
    private readonly kc: KubeConfig,
    private readonly collectionPath: (apiVersion: string, kind: string, namespace: string) => Promise<string>,
  ) {}

  /** Makes sure one watch runs per collection of `objects`; a watch that ended is reopened. */
  async cover(objects: readonly WatchedObject[], labelSelector: string): Promise<void> {
    for (const o of objects) {
      const path = await this.collectionPath(o.apiVersion, o.kind, o.namespace);
      if (this.watches.has(path)) continue;
      const names = new Set(objects.filter((x) => x.kind === o.kind && x.namespace === o.namespace).map((x) => x.name));
      const onEvent = (_type: string, obj: { metadata?: { name?: string } }) => {
        if (names.has(obj?.metadata?.name ?? '')) this.signal();
      };
      const onEnd = () => {
        this.watches.delete(path);
        this.signal();
      };
      this.watches.set(path, await new Watch(this.kc).watch(path, { labelSelector, allowWatchBookmarks: true }, onEvent, onEnd));
    }
  }

  /** Resolves when a watched object changed or a watch ended since the last call, or after `quietMs`. */
  async next(quietMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
    if (this.changed) {
      this.changed = false;
      return;
    }
    await Promise.race([sleep(quietMs), new Promise<void>((resolve) => { this.wake = resolve; })]);
    this.wake = undefined;
    this.changed = false;
  }

  stop(): void {
    for (const controller of this.watches.values()) controller.abort();
    this.watches.clear();
  }

  private signal(): void {
    if (this.wake) this.wake();
    else this.changed = true;
  }
}
