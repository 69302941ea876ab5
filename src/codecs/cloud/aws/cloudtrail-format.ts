/**
 * AWS CloudTrail as a TextFormat (`--format cloudtrail`): the S3 object layout (gzip JSON
 * `{"Records":[...]}`, one object per file), NDJSON of records (CloudWatch Logs or Lake
 * exports), a JSON array, or one record. Detected by content and by the file names CloudTrail
 * gives its S3 objects (`<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>.json.gz`).
 */
import { cloudJsonFormat, firstLineHas } from '../shared/format-factory.js';
import { mapCloudTrailRecord } from './cloudtrail-map.js';

/** S3 object names of trail deliveries (and Insights); digest files are not events. */
export const CLOUDTRAIL_FILE_NAME = /_CloudTrail(-Insight)?_[a-z0-9-]+_\d{8}T\d{4}Z_\w+\.json(\.gz)?$/i;

export const cloudtrailFormat = cloudJsonFormat({
  name: 'cloudtrail',
  description: 'AWS CloudTrail: S3 objects {"Records":[...]} (also .gz), NDJSON or a JSON array of records',
  wrapperKeys: ['Records'],
  map: mapCloudTrailRecord,
  sniff: (head) => /^\s*\{\s*"Records"\s*:\s*\[/.test(head) || firstLineHas(head, /"eventSource"\s*:\s*"[\w.-]+\.amazonaws\.com"/, /"awsRegion"\s*:/),
});
