/**
 * What the attack stories put into the data, kept out of the records themselves so that a
 * detection test cannot peek: positions (0-based indexes in the generated stream), times and
 * entities per story and per step.
 */
import type { ScenarioOptions } from './options.js';
import type { StoryCast } from './story/cast.js';
import { STORY_STEP_INFO, STORY_STEPS, type StoryEntry, type StoryStep } from './story/steps.js';

export interface StoryStepTruth {
  step: StoryStep;
  description: string;
  attack_techniques: string[];
  first_ms: number;
  last_ms: number;
  /** Ascending 0-based positions in the generated stream. */
  record_indexes: number[];
}

export interface StoryEntities {
  /** The victim's account name: user.name in SSH, Windows, Sysmon and CloudTrail records. */
  user: string;
  user_domain: string;
  bastion_host: string;
  bastion_ip: string;
  /** host.name of the victim's workstation (FQDN). */
  workstation_host: string;
  workstation_ip: string;
  attacker_ip: string;
  attacker_country: string;
  c2_domain: string;
  c2_ip: string;
  exfil_domain: string;
  exfil_ip: string;
  aws_account_id: string;
  /** The victim's key the attacker uses in CloudTrail. */
  aws_access_key_id: string;
  /** The service IAM user given a new access key. */
  backdoored_aws_user: string;
  /** Accounts the spray tried (the victim among them). */
  sprayed_users: string[];
}

export interface StoryGroundTruth {
  story_id: string;
  start_ms: number;
  end_ms: number;
  entities: StoryEntities;
  /** In story order; every step is present. */
  steps: StoryStepTruth[];
  /** All the story's positions, ascending. */
  record_indexes: number[];
}

export interface ScenarioGroundTruth {
  options: ScenarioOptions;
  total_records: number;
  normal_records: number;
  stories: StoryGroundTruth[];
}

export function storyEntities(cast: StoryCast, bastion: { name: string; ip: string }, userDomain: string): StoryEntities {
  const aws = cast.victim.aws;
  if (aws === undefined) throw new Error(`story ${cast.story_id}: victim ${cast.victim.name} has no AWS identity`);
  return {
    user: cast.victim.name,
    user_domain: userDomain,
    bastion_host: bastion.name,
    bastion_ip: bastion.ip,
    workstation_host: cast.victim.workstation.name,
    workstation_ip: cast.victim.workstation.ip,
    attacker_ip: cast.attacker_ip,
    attacker_country: cast.attacker_country,
    c2_domain: cast.c2_domain,
    c2_ip: cast.c2_ip,
    exfil_domain: cast.exfil_domain,
    exfil_ip: cast.exfil_ip,
    aws_account_id: aws.account_id,
    aws_access_key_id: aws.access_key_id,
    backdoored_aws_user: cast.backdoored_user,
    sprayed_users: cast.sprayed_users.map((u) => u.name),
  };
}

/** Groups one story's entries (with their stream positions) into per-step truth. */
export function storyTruth(story_id: string, entities: StoryEntities, entries: StoryEntry[], positions: number[]): StoryGroundTruth {
  const steps: StoryStepTruth[] = STORY_STEPS.map((step) => ({
    step,
    description: STORY_STEP_INFO[step].description,
    attack_techniques: STORY_STEP_INFO[step].attack_techniques.slice(),
    first_ms: Number.POSITIVE_INFINITY,
    last_ms: Number.NEGATIVE_INFINITY,
    record_indexes: [],
  }));
  const byStep = new Map(steps.map((s) => [s.step, s]));
  entries.forEach((entry, i) => {
    const s = byStep.get(entry.step) as StoryStepTruth;
    s.first_ms = Math.min(s.first_ms, entry.ts);
    s.last_ms = Math.max(s.last_ms, entry.ts);
    s.record_indexes.push(positions[i]);
  });
  for (const s of steps) {
    if (s.record_indexes.length === 0) throw new Error(`story ${story_id}: step ${s.step} produced no records`);
    s.record_indexes.sort((a, b) => a - b);
  }
  return {
    story_id,
    start_ms: entries[0].ts,
    end_ms: entries[entries.length - 1].ts,
    entities,
    steps,
    record_indexes: positions.slice().sort((a, b) => a - b),
  };
}
