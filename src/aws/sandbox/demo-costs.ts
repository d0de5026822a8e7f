/**
 * The demo estate's Cost Explorer: an anomaly monitor in the management account, and the two
 * cost events the cost overview must find, dated relative to `now`:
 * - a spike: production's AWS Lambda in us-east-1 jumps by $140/day for the last 3 days
 *   (a retry storm), which Cost Anomaly Detection reports as an anomaly;
 * - a new service: development starts Amazon OpenSearch Service in us-east-1 8 days ago.
 */
import type { Estate, EstateCostEvent } from "./estate.js";
import { DEMO_ACCOUNTS } from "./demo-ids.js";
import { TEAMS } from "./demo-workloads.js";

const DAY_MS = 86_400_000;

function daysBefore(now: Date, days: number): string {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - days * DAY_MS).toISOString().slice(0, 10);
}

/** The planted cost events, by account. */
export function demoCostEvents(now: Date): Record<string, EstateCostEvent[]> {
  return {
    [DEMO_ACCOUNTS.production]: [
      {
        kind: "spike",
        service: "AWS Lambda",
        region: "us-east-1",
        from: daysBefore(now, 2),
        dailyUsd: 140,
        tags: { Owner: TEAMS.web.owner, Environment: "production", CostCenter: TEAMS.web.costCenter },
      },
    ],
    [DEMO_ACCOUNTS.development]: [
      {
        kind: "new-service",
        service: "Amazon OpenSearch Service",
        region: "us-east-1",
        from: daysBefore(now, 7),
        dailyUsd: 18,
        tags: { Owner: TEAMS.data.owner, Environment: "development", CostCenter: TEAMS.data.costCenter },
      },
    ],
  };
}

export function plantDemoCosts(estate: Estate, now: Date): void {
  const events = demoCostEvents(now);
  for (const account of estate.accounts) {
    const mine = events[account.id];
    const isManagement = account.id === DEMO_ACCOUNTS.management;
    if (mine === undefined && !isManagement) continue;
    account.costExplorer = {
      ...(isManagement && { anomalyMonitors: ["Default-Services-Monitor"] }),
      ...(mine !== undefined && { events: mine }),
    };
  }
}
