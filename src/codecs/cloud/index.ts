/**
 * Cloud and SaaS audit log codecs: each a TextFormat with an ECS mapping, the provider's record
 * kept verbatim as `native`, and the Sigma logsource SigmaHQ's rules use for it.
 */
import type { TextFormat } from '../format.js';
import { cloudtrailFormat, CLOUDTRAIL_FILE_NAME } from './aws/cloudtrail-format.js';
import { vpcflowFormat, VPCFLOW_FILE_NAME } from './aws/vpcflow-format.js';
import { azureFormat } from './azure/format.js';
import { gcpFormat } from './gcp/audit-map.js';
import { githubFormat } from './github/audit-map.js';
import { gworkspaceFormat } from './gworkspace/activity-map.js';
import { k8sAuditFormat } from './k8s/audit-map.js';
import { m365Format } from './m365/audit-map.js';
import { oktaFormat } from './okta/okta-map.js';

export { cloudtrailFormat, vpcflowFormat, azureFormat, gcpFormat, githubFormat, gworkspaceFormat, k8sAuditFormat, m365Format, oktaFormat };
export { mapCloudTrailRecord } from './aws/cloudtrail-map.js';
export { mapVpcFlowRecord } from './aws/vpcflow-map.js';
export { mapAzureRecord } from './azure/format.js';
export { mapGcpAuditRecord } from './gcp/audit-map.js';
export { mapGitHubAuditRecord } from './github/audit-map.js';
export { mapWorkspaceActivity } from './gworkspace/activity-map.js';
export { mapK8sAuditRecord } from './k8s/audit-map.js';
export { mapM365Record } from './m365/audit-map.js';
export { mapOktaRecord } from './okta/okta-map.js';

/**
 * In sniffing order. Each sniffer needs provider-specific keys together, so the order only
 * matters for records that would fit two (none of the documented shapes do).
 */
export const CLOUD_FORMATS: readonly TextFormat[] = [cloudtrailFormat, gcpFormat, gworkspaceFormat, k8sAuditFormat, oktaFormat, m365Format, azureFormat, githubFormat, vpcflowFormat];

/** File names that say the format better than their `.json`/`.log` extension (AWS S3 deliveries). */
export function cloudFormatForFileName(fileName: string): TextFormat | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  if (CLOUDTRAIL_FILE_NAME.test(base)) return cloudtrailFormat;
  if (VPCFLOW_FILE_NAME.test(base)) return vpcflowFormat;
  return undefined;
}

/** A cloud format recognised from the content, when the extension only said "JSON". */
export function sniffCloudFormat(head: string): TextFormat | undefined {
  return CLOUD_FORMATS.find((f) => f.sniff(head));
}
