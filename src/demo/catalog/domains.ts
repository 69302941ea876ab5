/**
 * The domains normal traffic resolves and connects to, most popular first (the generator gives
 * them Zipf-like weights). Real, well-known service names: the demo addresses they resolve to
 * come from the documentation ranges (see geo.ts), never from the real DNS.
 */

/** What staff workstations talk to: office suite, collaboration, browsing, updates. */
export const WORKSTATION_DOMAINS = [
  'outlook.office365.com', 'teams.microsoft.com', 'www.google.com', 'login.microsoftonline.com',
  'graph.microsoft.com', 'slack.com', 'edge.microsoft.com', 'www.youtube.com', 'github.com',
  'clients4.google.com', 'ctldl.windowsupdate.com', 'settings-win.data.microsoft.com',
  'zoom.us', 'api.github.com', 'onedrive.live.com', 'fonts.gstatic.com', 'www.linkedin.com',
  'accounts.google.com', 'substrate.office.com', 'wikipedia.org', 'stackoverflow.com',
  'cdn.jsdelivr.net', 'registry.npmjs.org', 'pypi.org', 'docs.aws.amazon.com',
  'console.aws.amazon.com', 'signin.aws.amazon.com', 'www.atlassian.com', 'jira.atlassian.net',
  'confluence.atlassian.net', 'calendar.google.com', 'update.googleapis.com',
  'officeclient.microsoft.com', 'nexus.officeapps.live.com', 'www.bbc.co.uk', 'www.lemonde.fr',
  'www.spiegel.de', 'www.nytimes.com', 'news.ycombinator.com', 'marketplace.visualstudio.com',
  'update.code.visualstudio.com', 'dl.google.com', 'www.dropbox.com', 'web.whatsapp.com',
] as const;

/** What Linux servers talk to: package mirrors, registries, source hosting, AWS APIs. */
export const SERVER_DOMAINS = [
  'deb.debian.org', 'security.debian.org', 'archive.ubuntu.com', 'security.ubuntu.com',
  'registry-1.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com', 'github.com',
  'objects.githubusercontent.com', 'api.github.com', 'sts.amazonaws.com',
  's3.eu-central-1.amazonaws.com', 'ec2.eu-central-1.amazonaws.com', 'logs.eu-central-1.amazonaws.com',
  'pypi.org', 'files.pythonhosted.org', 'registry.npmjs.org', 'ntp.ubuntu.com', 'acme-v02.api.letsencrypt.org',
  'hooks.slack.com',
] as const;

/** TTLs real resolvers hand out for such names (seconds). */
export const DNS_TTLS_S = [60, 300, 300, 3600, 20, 600] as const;

/** Services every Windows client reaches inside the company network (DNS suffix added later). */
export const INTERNAL_NAMES = ['dc01', 'fs01', 'intranet', 'print01'] as const;
