// What a rule may need to know besides the object itself. Kept tiny on purpose: health is a
// function of the live object, and the only outside fact Argo CD uses is whether it is a hook.

export interface HealthContext {
  /** The object is a hook of this sync (spec §5.3 Pod: the restart-policy override is ignored). */
  isHook: boolean;
}

export const resourceContext: HealthContext = { isHook: false };
export const hookContext: HealthContext = { isHook: true };
