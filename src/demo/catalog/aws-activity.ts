/**
 * The everyday AWS API calls of the demo company's engineers and workloads: mostly reads,
 * a few harmless writes (tags, instance start/stop), console sign-ins. Identity and
 * persistence changes (access keys, policy attachment, trail changes) are deliberately absent:
 * they belong to the attack story only.
 */

export interface AwsCallSpec {
  event_source: string;
  event_name: string;
  read_only: boolean;
  event_category: string[];
  event_type: string[];
  /** Who makes it: an engineer (IAM user, from office or home) or a workload role (from AWS). */
  caller: 'engineer' | 'workload';
  /** Request parameters kind, filled by the generator with world names (bucket, instance, ...). */
  params: 'none' | 'instances' | 'bucket' | 'role' | 'function' | 'log-group' | 'parameter' | 'tags' | 'metric' | 'key';
  weight: number;
}

export const AWS_CALLS: readonly AwsCallSpec[] = [
  { event_source: 'ec2.amazonaws.com', event_name: 'DescribeInstances', read_only: true, event_category: ['host'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 20 },
  { event_source: 'ec2.amazonaws.com', event_name: 'DescribeSecurityGroups', read_only: true, event_category: ['network'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 6 },
  { event_source: 'ec2.amazonaws.com', event_name: 'DescribeVolumes', read_only: true, event_category: ['host'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 4 },
  { event_source: 'ec2.amazonaws.com', event_name: 'CreateTags', read_only: false, event_category: ['configuration'], event_type: ['change'], caller: 'engineer', params: 'tags', weight: 1 },
  { event_source: 'ec2.amazonaws.com', event_name: 'StartInstances', read_only: false, event_category: ['host'], event_type: ['start'], caller: 'engineer', params: 'instances', weight: 0.5 },
  { event_source: 'ec2.amazonaws.com', event_name: 'StopInstances', read_only: false, event_category: ['host'], event_type: ['end'], caller: 'engineer', params: 'instances', weight: 0.5 },
  { event_source: 's3.amazonaws.com', event_name: 'ListBuckets', read_only: true, event_category: ['file'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 6 },
  { event_source: 's3.amazonaws.com', event_name: 'GetBucketLocation', read_only: true, event_category: ['file'], event_type: ['info'], caller: 'engineer', params: 'bucket', weight: 5 },
  { event_source: 'sts.amazonaws.com', event_name: 'GetCallerIdentity', read_only: true, event_category: ['iam'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 6 },
  { event_source: 'sts.amazonaws.com', event_name: 'AssumeRole', read_only: true, event_category: ['iam'], event_type: ['info'], caller: 'engineer', params: 'role', weight: 4 },
  { event_source: 'iam.amazonaws.com', event_name: 'GetUser', read_only: true, event_category: ['iam'], event_type: ['user', 'info'], caller: 'engineer', params: 'none', weight: 2 },
  { event_source: 'iam.amazonaws.com', event_name: 'ListRoles', read_only: true, event_category: ['iam'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 2 },
  { event_source: 'logs.amazonaws.com', event_name: 'DescribeLogGroups', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 3 },
  { event_source: 'logs.amazonaws.com', event_name: 'GetLogEvents', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'engineer', params: 'log-group', weight: 3 },
  { event_source: 'lambda.amazonaws.com', event_name: 'ListFunctions20150331', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'engineer', params: 'none', weight: 2 },
  { event_source: 'lambda.amazonaws.com', event_name: 'GetFunction20150331v2', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'engineer', params: 'function', weight: 2 },
  { event_source: 'ssm.amazonaws.com', event_name: 'GetParameter', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'workload', params: 'parameter', weight: 6 },
  { event_source: 'kms.amazonaws.com', event_name: 'Decrypt', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'workload', params: 'key', weight: 8 },
  { event_source: 'monitoring.amazonaws.com', event_name: 'GetMetricData', read_only: true, event_category: ['configuration'], event_type: ['info'], caller: 'workload', params: 'metric', weight: 6 },
  { event_source: 'ecr.amazonaws.com', event_name: 'GetAuthorizationToken', read_only: true, event_category: ['iam'], event_type: ['info'], caller: 'workload', params: 'none', weight: 3 },
  { event_source: 'signin.amazonaws.com', event_name: 'ConsoleLogin', read_only: false, event_category: ['authentication'], event_type: ['start'], caller: 'engineer', params: 'none', weight: 1 },
];

/** Event names only the attack story uses; normal traffic must never contain them. */
export const STORY_ONLY_AWS_EVENT_NAMES = [
  'CreateAccessKey',
  'AttachUserPolicy',
  'StopLogging',
  'DeleteTrail',
  'PutUserPolicy',
  'CreateLoginProfile',
] as const;

export const ENGINEER_USER_AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Darwin/23.3.0 exe/x86_64 prompt/off',
  'aws-cli/2.15.30 Python/3.11.8 Windows/10 exe/AMD64 prompt/off',
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1014-aws exe/x86_64.ubuntu.22 prompt/off',
  'Boto3/1.34.60 md/Botocore#1.34.60 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.60',
  'Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0',
] as const;

export const CONSOLE_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

export const WORKLOAD_USER_AGENT =
  'Boto3/1.34.60 md/Botocore#1.34.60 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.8 exec-env/AWS_Lambda_python3.11 Botocore/1.34.60';

export const AWS_REGIONS = ['eu-central-1', 'eu-central-1', 'eu-central-1', 'us-east-1', 'eu-west-1'] as const;
