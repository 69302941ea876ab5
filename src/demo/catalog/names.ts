/**
 * Name pools for the demo company's staff and machines. Plain, international first and last
 * names; user names are built as first initial + last name, the most common corporate scheme.
 */

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas',
  'Karin', 'Liam', 'Maya', 'Noah', 'Olga', 'Paul', 'Quentin', 'Rosa', 'Samir', 'Tara',
  'Uma', 'Victor', 'Wendy', 'Xavier', 'Yara', 'Zoe', 'Aaron', 'Bianca', 'Chloe', 'Dmitri',
  'Emil', 'Fiona', 'Gavin', 'Hanna', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Marco', 'Nina',
] as const;

export const LAST_NAMES = [
  'Martin', 'Schmidt', 'Smith', 'Dubois', 'Keller', 'Brown', 'Lambert', 'Wagner', 'Taylor', 'Moreau',
  'Fischer', 'Jones', 'Laurent', 'Becker', 'Wilson', 'Girard', 'Hoffmann', 'Evans', 'Roux', 'Weber',
  'Clarke', 'Fontaine', 'Schulz', 'Walker', 'Mercier', 'Koch', 'Wright', 'Blanc', 'Richter', 'Hughes',
  'Garnier', 'Wolf', 'Green', 'Chevalier', 'Neumann', 'Hall', 'Faure', 'Braun', 'Young', 'Perrin',
] as const;

/**
 * Linux server roles, in the order servers are created: the first is the internet-facing SSH
 * bastion the attack story starts on, so it always exists.
 */
export const LINUX_SERVER_ROLES = [
  'bastion', 'web', 'app', 'db', 'ci', 'web', 'app', 'cache', 'mon', 'log', 'build', 'db', 'mq', 'app',
] as const;

/** Commands engineers run with sudo on servers, by role ('*' for any role). */
export const SUDO_COMMANDS: Record<string, readonly string[]> = {
  '*': [
    '/usr/bin/apt-get update',
    '/usr/bin/journalctl -u ssh --since today',
    '/usr/bin/systemctl status',
    '/usr/bin/tail -n 200 /var/log/syslog',
    '/usr/bin/du -sh /var/log',
  ],
  web: ['/usr/bin/systemctl reload nginx', '/usr/sbin/nginx -t', '/usr/bin/certbot renew --dry-run'],
  app: ['/usr/bin/systemctl restart app.service', '/usr/bin/journalctl -u app.service -n 100'],
  db: ['/usr/bin/systemctl status postgresql', '/usr/bin/psql -U postgres -c SELECT\\ 1'],
  ci: ['/usr/bin/docker system prune -f', '/usr/bin/systemctl restart gitlab-runner'],
  build: ['/usr/bin/docker system prune -f', '/usr/bin/apt-get install -y build-essential'],
  cache: ['/usr/bin/systemctl restart redis-server', '/usr/bin/redis-cli info memory'],
  mon: ['/usr/bin/systemctl restart prometheus', '/usr/bin/systemctl restart grafana-server'],
  log: ['/usr/bin/systemctl restart rsyslog', '/usr/bin/logrotate -f /etc/logrotate.conf'],
  mq: ['/usr/sbin/rabbitmqctl list_queues', '/usr/bin/systemctl restart rabbitmq-server'],
  bastion: ['/usr/bin/last -n 20', '/usr/bin/systemctl status ssh'],
};

/** Words the story builds its adversary domains from (under the reserved example.net). */
export const ADVERSARY_DOMAIN_WORDS = [
  'cdn', 'sync', 'update', 'metrics', 'static', 'edge', 'cloud', 'telemetry', 'assets', 'api',
  'stats', 'mirror', 'node', 'relay', 'files', 'share', 'drop', 'store',
] as const;
