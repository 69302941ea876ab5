/**
 * ECS `event.type` from an API operation name. Cloud audit logs name operations after verbs
 * (CloudTrail `DeleteTrail`, GCP `v1.compute.firewalls.delete`, Azure `.../write`), and the
 * verb is what says whether something was created, changed, deleted or only read.
 */
const VERB_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/^(create|insert|add|put|register|import|run|launch|allocate|issue|enable|generate|invite|write)/i, 'creation'],
  [/^(delete|remove|deregister|terminate|revoke|disable|destroy|detach|disassociate|cancel|stop|release|purge)/i, 'deletion'],
  [/^(update|modify|patch|set|change|replace|attach|associate|reset|rotate|restore|move|rename|copy|apply|tag|untag|assign|start|reboot|resume)/i, 'change'],
  [/^(get|list|describe|lookup|search|head|read|view|query|batchget|scan|download|export|watch)/i, 'access'],
];

export function typeFromVerb(operation: string | undefined): string | undefined {
  if (!operation) return undefined;
  for (const [re, type] of VERB_TYPES) if (re.test(operation)) return type;
  return undefined;
}
