// The health vocabulary shared by every rule in this folder, spelled as Argo CD spells it so that
// result rows read the same as an Argo CD user expects (spec §5.1).

/** Ordered best to worst: aggregation ("the worse of two") follows this order (spec §5.1). */
export const healthStatuses = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'] as const;

export type HealthStatus = (typeof healthStatuses)[number];

/** What a health rule says about one live object, and in words why. */
export interface HealthVerdict {
  status: HealthStatus;
  message: string;
}

export function isHealthStatus(value: unknown): value is HealthStatus {
  return typeof value === 'string' && (healthStatuses as readonly string[]).includes(value);
}

/** The worse of two statuses, for callers that fold many objects into one. */
export function worseHealth(a: HealthStatus, b: HealthStatus): HealthStatus {
  return healthStatuses.indexOf(b) > healthStatuses.indexOf(a) ? b : a;
}
