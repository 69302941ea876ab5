/**
 * Who and what each attack story involves: the victim (an engineer, so they have SSH, a
 * workstation and AWS keys), the attacker's foreign address, the command-and-control and
 * upload infrastructure, and the accounts the spray tries. Chosen from the seed, distinct
 * per story, and never used by normal traffic.
 */
import { prefixesFor, DEMO_GEO_PREFIXES } from '../geo.js';
import type { Prng } from '../prng.js';
import type { DemoUser, DemoWorld } from '../world.js';

export interface StoryCast {
  story_id: string;
  victim: DemoUser;
  attacker_ip: string;
  attacker_country: string;
  c2_domain: string;
  c2_ip: string;
  exfil_domain: string;
  exfil_ip: string;
  /** Accounts the spray tries, in the attacker's order (includes the victim). */
  sprayed_users: { name: string; exists: boolean }[];
  /** The service IAM user the attacker gives a new access key. */
  backdoored_user: string;
}

/** Names every SSH spraying wordlist starts with; none exists on the demo servers. */
const WORDLIST_USERS = ['admin', 'test', 'oracle', 'ubuntu', 'postgres', 'deploy', 'git', 'support'];

const FOREIGN_COUNTRIES = [...new Set(DEMO_GEO_PREFIXES.filter((p) => p.role === 'foreign').map((p) => p.country_iso_code))];

function shuffled<T>(rng: Prng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Casts `count` stories; throws a RangeError when the company has too few engineers. */
export function castStories(world: DemoWorld, rng: Prng, count: number): StoryCast[] {
  if (count > world.engineers.length) {
    throw new RangeError(
      `${count} attack stories need ${count} engineers as victims, the demo company has ${world.engineers.length} (raise users)`,
    );
  }
  const victims = shuffled(rng, world.engineers).slice(0, count);
  const usedDomains = new Set<string>();
  const domainName = (suffix: string): string => {
    for (;;) {
      const name = `${rng.pick(world.adversary_words)}-${rng.pick(world.adversary_words)}-${rng.range(10, 99)}.example.net`;
      const full = suffix === '' ? name : `${suffix}.${name}`;
      if (!usedDomains.has(full)) {
        usedDomains.add(full);
        return full;
      }
    }
  };

  return victims.map((victim, i) => {
    const attackerCountry = FOREIGN_COUNTRIES[i % FOREIGN_COUNTRIES.length];
    const infraCountry = FOREIGN_COUNTRIES[(i + 1) % FOREIGN_COUNTRIES.length];
    const others = shuffled(
      rng,
      world.users.filter((u) => u !== victim),
    ).slice(0, 6);
    const sprayed = shuffled(rng, [
      { name: victim.name, exists: true },
      ...others.map((u) => ({ name: u.name, exists: true })),
      ...shuffled(rng, WORDLIST_USERS)
        .slice(0, 5)
        .map((name) => ({ name, exists: false })),
    ]);
    return {
      story_id: `story-${i + 1}`,
      victim,
      attacker_ip: world.addresses.take(prefixesFor(attackerCountry, 'foreign')),
      attacker_country: attackerCountry,
      c2_domain: domainName(''),
      c2_ip: world.addresses.take(prefixesFor(infraCountry, 'foreign')),
      exfil_domain: domainName('files'),
      exfil_ip: world.addresses.take(prefixesFor(infraCountry, 'foreign')),
      sprayed_users: sprayed,
      backdoored_user: world.aws.service_users[i % world.aws.service_users.length].user_name,
    };
  });
}
