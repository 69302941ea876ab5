// The console shell: who is signed in, the navigation, and the hash router (#/search, ...).
import { html, render, useState, useEffect } from './lib.js';
import { get, del, setCsrf, setUnauthorizedHandler } from './api.js';
import { parseHash } from './ui.js';
import { SignIn } from './pages/signin.js';
import { SearchPage } from './pages/search.js';
import { OverviewPage } from './pages/overview.js';
import { AlertsPage, IncidentsPage } from './pages/queues.js';
import { IncidentPage } from './pages/incident.js';
import { RulesPage } from './pages/rules.js';
import { SourcesPage } from './pages/sources.js';
import { AuditPage } from './pages/audit.js';
import { UsersPage } from './pages/users.js';
import { AccountPage } from './pages/account.js';

const PAGES = [
  { path: 'overview', label: 'Overview', view: OverviewPage },
  { path: 'search', label: 'Search', view: SearchPage },
  { path: 'alerts', label: 'Alerts', view: AlertsPage },
  { path: 'incidents', label: 'Incidents', view: IncidentsPage },
  { path: 'rules', label: 'Rules', view: RulesPage },
  { path: 'sources', label: 'Sources', view: SourcesPage },
  { path: 'audit', label: 'Audit', view: AuditPage, admin: true },
  { path: 'users', label: 'Users', view: UsersPage, admin: true },
];

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return parseHash(hash);
}

function App() {
  const [me, setMe] = useState(undefined); // undefined: checking; null: signed out
  const route = useHash();
  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    get('/api/v1/session/me').then((m) => { setCsrf(m.csrf); setMe(m); }, () => setMe(null));
  }, []);
  if (me === undefined) return html`<div class="center">Loading…</div>`;
  if (me === null) return html`<${SignIn} onSignedIn=${(m) => { setCsrf(m.csrf); setMe({ user: m.user, via: 'session', csrf: m.csrf }); }} />`;

  const isAdmin = me.user.role === 'admin';
  const [first, ...rest] = route.path;
  let view;
  if (first === 'incidents' && rest[0]) view = html`<${IncidentPage} id=${rest[0]} me=${me} />`;
  else if (first === 'account') view = html`<${AccountPage} me=${me} />`;
  else {
    const page = PAGES.find((p) => p.path === first) || PAGES[0];
    view = page.admin && !isAdmin ? html`<div class="error">This page is for admins.</div>` : html`<${page.view} me=${me} params=${route.params} />`;
  }
  const signOut = async () => { try { await del('/api/v1/session'); } finally { setCsrf(''); setMe(null); } };
  return html`<div class="shell">
    <nav class="nav">
      <span class="brand">Vigil</span>
      ${PAGES.filter((p) => !p.admin || isAdmin).map((p) => html`<a href=${`#/${p.path}`} class=${(first || 'overview') === p.path ? 'active' : ''} data-nav=${p.path}>${p.label}</a>`)}
      <span class="spacer"></span>
      <a href="#/account" data-test="me">${me.user.name} <small>(${me.user.role})</small></a>
      ${me.via === 'session' ? html`<button class="link" onClick=${signOut} data-test="sign-out">Sign out</button>` : ''}
    </nav>
    <main class="main">${view}</main>
  </div>`;
}

render(html`<${App} />`, document.getElementById('app'));
