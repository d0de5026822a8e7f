/** Checks on each trail the account owns (an organisation's trail is checked in its management account). */
import type { TrailRecord } from "../../audit/records.js";
import { notApplicable, type Verdict } from "../check.js";

export const owned = (trail: TrailRecord, test: () => Verdict): Verdict =>
  trail.ownerAccount !== trail.account ? notApplicable() : test();

export const LOGGING_PRACTICE = [
  { pillar: "security" as const, bestPractice: "SEC04-BP01 Configure service and application logging" },
];
