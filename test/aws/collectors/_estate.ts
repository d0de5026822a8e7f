/**
 * Where the demo estate holds what a collector test needs: the account and region with the
 * most items of a kind, and a profile that reaches that account.
 */
import { buildDemoEstate } from "../../../src/aws/sandbox/demo.js";
import type { EstateAccount, EstateRegion } from "../../../src/aws/sandbox/estate.js";
import type { SandboxCall, SandboxTransport } from "../../../src/aws/sandbox/types.js";

export const estate = buildDemoEstate();

export interface Place<T> {
  account: string;
  profile: string;
  region: string;
  items: T[];
  source: EstateAccount;
}

/** The account × region with the most items of `list` (ties: estate order). */
export function richest<T>(list: (r: EstateRegion, account: EstateAccount) => readonly T[]): Place<T> {
  let best: Place<T> | undefined;
  for (const account of estate.accounts) {
    for (const [region, r] of Object.entries(account.regions)) {
      const items = [...list(r, account)];
      if (best === undefined || items.length > best.items.length) {
        best = { account: account.id, profile: profileOf(account), region, items, source: account };
      }
    }
  }
  if (best === undefined) throw new Error("the demo estate has no accounts");
  return best;
}

/** The account whose account-level list (IAM, buckets) is longest. */
export function richestAccount<T>(list: (account: EstateAccount) => readonly T[]): Omit<Place<T>, "region"> {
  const sorted = [...estate.accounts].sort((a, b) => list(b).length - list(a).length);
  const account = sorted[0];
  if (account === undefined) throw new Error("the demo estate has no accounts");
  return { account: account.id, profile: profileOf(account), items: [...list(account)], source: account };
}

export function profileOf(account: EstateAccount): string {
  const profile = account.profiles[0]?.name;
  if (profile === undefined) throw new Error(`demo account ${account.id} has no profile`);
  return profile;
}

/** A transport wrapper that keeps each call's input (the sandbox's own call log does not). */
export function recordInputs(): {
  wrap: (inner: SandboxTransport) => SandboxTransport;
  inputs: (action: string) => Record<string, unknown>[];
} {
  const seen: SandboxCall[] = [];
  return {
    wrap: (inner) => ({
      identityFor: (profile) => inner.identityFor(profile),
      identityForCredentials: (keyId) => inner.identityForCredentials(keyId),
      call: (call) => {
        seen.push(call);
        return inner.call(call);
      },
    }),
    inputs: (action) => seen.filter((c) => c.action === action).map((c) => c.input),
  };
}
