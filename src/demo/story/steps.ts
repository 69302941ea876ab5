/**
 * The steps of the attack story, in order, with what each one is and the ATT&CK techniques a
 * detection should attribute to it. The ground truth reports records per step.
 */
import type { NormalizedRecord } from '../../core/event.js';

export const STORY_STEPS = [
  'ssh_password_spraying',
  'ssh_login_success',
  'lateral_rdp_logon',
  'suspicious_process',
  'c2_beaconing',
  'large_upload',
  'cloudtrail_change',
] as const;

export type StoryStep = (typeof STORY_STEPS)[number];

export const STORY_STEP_INFO: Record<StoryStep, { description: string; attack_techniques: string[] }> = {
  ssh_password_spraying: {
    description: 'Password spraying against the SSH bastion from a foreign address: a few passwords tried across many accounts, including ones that do not exist.',
    attack_techniques: ['T1110.003'],
  },
  ssh_login_success: {
    description: 'A password login to the bastion for the victim from the spraying address (a country never seen before for this user).',
    attack_techniques: ['T1078', 'T1021.004'],
  },
  lateral_rdp_logon: {
    description: "A remote interactive (RDP, logon type 10) logon as the victim on the victim's workstation, from the bastion.",
    attack_techniques: ['T1021.001'],
  },
  suspicious_process: {
    description: 'Hidden, encoded PowerShell download cradle, certutil fetching a payload into Temp, and the payload run from Temp.',
    attack_techniques: ['T1059.001', 'T1027', 'T1105', 'T1204.002'],
  },
  c2_beaconing: {
    description: 'The payload beacons to a never-before-seen domain every 60 s with ±1.5 s jitter (a DNS query and a small HTTPS exchange each time).',
    attack_techniques: ['T1071.001', 'T1573'],
  },
  large_upload: {
    description: 'About 1.6 GB uploaded from the workstation to a second foreign host over ~8 minutes, far above the host baseline.',
    attack_techniques: ['T1048', 'T1567'],
  },
  cloudtrail_change: {
    description: "The victim's AWS access key used from the foreign address: GetCallerIdentity, CreateAccessKey for a service user, AttachUserPolicy AdministratorAccess, StopLogging.",
    attack_techniques: ['T1098.001', 'T1098.003', 'T1562.008'],
  },
};

/** A story record before merging: its event time, record, and step (kept outside the record). */
export interface StoryEntry {
  ts: number;
  record: NormalizedRecord;
  step: StoryStep;
}
