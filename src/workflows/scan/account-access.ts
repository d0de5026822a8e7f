/**
 * How the inventory reaches each account: the profile's own account through the session's
 * factory; every other account through sts:AssumeRole into `arn:aws:iam::<account>:role/<role>`
 * and a factory over the credentials it returns. Credentials are kept per account (small) and
 * renewed when they are about to expire; factories (SDK clients) are opened per account and
 * closed when the account's work is done.
 */
import { assumeRole, type AssumedRole } from "../../aws/accounts/assume-role.js";
import type { ClientFactory } from "../../aws/clients.js";
import { UsageError } from "../../core/errors.js";

/** Renew credentials that expire sooner than this. */
const RENEW_BEFORE_MS = 5 * 60_000;

export interface OpenedAccount {
  factory: ClientFactory;
  /** Close what was opened for the account (never the session's own factory). */
  release(): void;
}

export interface AccountAccess {
  /** The role assumed into the account, once it has been. */
  roleArnOf(account: string): string | undefined;
  open(account: string): Promise<OpenedAccount>;
}

export interface AccountAccessOptions {
  /** The profile's account: reached with `factory` itself. */
  caller: string;
  factory: ClientFactory;
  /** A factory over credentials assumed into another account. */
  factoryFor: ((role: AssumedRole) => ClientFactory) | undefined;
  roleName: string;
  sessionName: string;
  now: () => Date;
  /** Wraps each AWS call made here (to measure latency). */
  timed: <T>(call: () => Promise<T>) => Promise<T>;
}

export function createAccountAccess(options: AccountAccessOptions): AccountAccess {
  const roles = new Map<string, Promise<AssumedRole>>();

  const isFresh = (role: AssumedRole) => {
    const expiration = role.credentials.expiration;
    return expiration === undefined || expiration.getTime() - options.now().getTime() > RENEW_BEFORE_MS;
  };
  const settled = new Map<string, AssumedRole>();

  async function credentialsFor(account: string): Promise<AssumedRole> {
    const known = settled.get(account);
    if (known !== undefined && !isFresh(known)) {
      roles.delete(account);
      settled.delete(account);
    }
    let pending = roles.get(account);
    if (pending === undefined) {
      pending = options.timed(() =>
        assumeRole(options.factory, {
          account,
          roleName: options.roleName,
          sessionName: options.sessionName,
          region: options.factory.defaultRegion,
        }),
      );
      roles.set(account, pending);
      // A failed AssumeRole is not cached: the next open of the account tries again.
      pending.then(
        (role) => settled.set(account, role),
        () => roles.delete(account),
      );
    }
    return pending;
  }

  return {
    roleArnOf: (account) => settled.get(account)?.roleArn,
    async open(account) {
      if (account === options.caller) return { factory: options.factory, release: () => undefined };
      if (options.factoryFor === undefined) {
        throw new UsageError(
          `account ${account} is not the profile's account (${options.caller}), and this interface cannot reach other accounts`,
          { code: "CrossAccountUnsupported" },
        );
      }
      const role = await credentialsFor(account);
      const factory = options.factoryFor(role);
      return { factory, release: () => factory.destroy() };
    },
  };
}
