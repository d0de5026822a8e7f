/**
 * AWS-shaped identifiers drawn from a seeded generator, never repeated within one factory.
 */
import type { Rng } from "./prng.js";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

export type Ec2IdPrefix =
  | "i"
  | "r"
  | "vol"
  | "snap"
  | "vpc"
  | "subnet"
  | "sg"
  | "eni"
  | "eni-attach"
  | "eipalloc"
  | "eipassoc"
  | "ami"
  | "dopt"
  | "vpc-cidr-assoc"
  | "rtb"
  | "rtbassoc"
  | "igw"
  | "nat"
  | "acl"
  | "aclassoc"
  | "fl";

export class IdFactory {
  readonly #rng: Rng;
  readonly #used = new Set<string>();

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  /** Mark an id as taken (ids written literally, e.g. the demo's planted resources). */
  reserve(id: string): string {
    if (this.#used.has(id)) throw new Error(`id ${id} is used twice`);
    this.#used.add(id);
    return id;
  }

  #unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.#used.has(id)) return this.reserve(id);
    }
  }

  #chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.#rng.next() * alphabet.length)];
    return out;
  }

  /** `i-0a1b…` style: the prefix, a dash and 17 hex digits. */
  ec2(prefix: Ec2IdPrefix): string {
    return this.#unique(() => `${prefix}-0${this.#rng.hex(16)}`);
  }

  /**
   * IAM unique ids, 20 characters: `AIDA…` (users), `AROA…` (roles), `ANPA…` (policies),
   * `AKIA…` (access keys), `ASIA…` (temporary credentials).
   */
  iam(prefix: "AIDA" | "AROA" | "ANPA" | "AGPA" | "AKIA" | "ASIA"): string {
    return this.#unique(() => `${prefix}${this.#chars(UPPER_ALNUM, 16)}`);
  }

  /** RDS `DbiResourceId`: `db-` and 26 uppercase letters/digits. */
  dbResourceId(): string {
    return this.#unique(() => `db-${this.#chars(UPPER_ALNUM, 26)}`);
  }

  /** RDS `DbClusterResourceId`: `cluster-` and 26 uppercase letters/digits. */
  dbClusterResourceId(): string {
    return this.#unique(() => `cluster-${this.#chars(UPPER_ALNUM, 26)}`);
  }

  /** `o-` and 10 lowercase letters/digits. */
  organizationId(): string {
    return this.#unique(() => `o-${this.#chars(LOWER_ALNUM, 10)}`);
  }

  hex(length: number): string {
    return this.#unique(() => this.#rng.hex(length));
  }

  uuid(): string {
    return this.#unique(() => {
      const h = this.#rng.hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
    });
  }

  macAddress(): string {
    return `0a:${this.#rng.hex(10).replace(/(..)(?!$)/g, "$1:")}`;
  }

  /** A public IPv4 address in ranges AWS uses for EC2. */
  publicIp(): string {
    return this.#unique(() => {
      const first = this.#rng.pick([3, 18, 34, 35, 44, 52, 54]);
      return `${first}.${this.#rng.int(0, 255)}.${this.#rng.int(0, 255)}.${this.#rng.int(1, 254)}`;
    });
  }
}
