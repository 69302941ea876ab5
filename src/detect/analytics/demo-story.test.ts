/**
 * The analytics over the demo generator's day (src/demo): every story step an analytic is
 * meant to see fires, and normal traffic stays quiet. Steps no analytic covers are Sigma's
 * (lateral RDP logon, CloudTrail changes). The demo writes only source.geo.country_iso_code,
 * so this test adds country centroids as lat/lon, as a country-level GeoIP would.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VigilEvent } from '../../core/event.js';
import { generateScenario, scenarioGroundTruth, type StoryStep } from '../../demo/index.js';
import type { Detection } from '../detection.js';
import { createAnalyticsEngine } from './registry.js';

const OPTIONS = { seed: 1, start_ms: Date.UTC(2026, 0, 5), events: 100_000 };
const CENTROIDS: Record<string, [number, number]> = { US: [39.8, -98.6], DE: [51.2, 10.4], GB: [54.0, -2.0], FR: [46.6, 2.2], BR: [-10.8, -52.9], VN: [16.0, 107.8], NG: [9.1, 8.7], KZ: [48.0, 67.0] };

function runDemo(): { detections: Detection[]; stepOf: Map<string, StoryStep>; stats: ReturnType<ReturnType<typeof createAnalyticsEngine>['stats']> } {
  const truth = scenarioGroundTruth(OPTIONS);
  const stepOf = new Map<string, StoryStep>();
  for (const s of truth.stories[0].steps) for (const i of s.record_indexes) stepOf.set(`e${i}`, s.step);
  // The story starts 14 h into the day: learning periods of 6 h leave a baseline in front of it.
  const engine = createAnalyticsEngine({ new_country_login: { learning_period_ms: 6 * 3_600_000 }, rare_process: { learning_period_ms: 6 * 3_600_000 } });
  const detections: Detection[] = [];
  let i = 0;
  for (const r of generateScenario(OPTIONS)) {
    const country = r.fields['source.geo.country_iso_code'];
    if (typeof country === 'string' && CENTROIDS[country]) {
      r.fields['source.geo.location.lat'] = CENTROIDS[country][0];
      r.fields['source.geo.location.lon'] = CENTROIDS[country][1];
    }
    const e: VigilEvent = { id: `e${i++}`, ts: r.ts as number, fields: r.fields, native: r.native, meta: { source: 'demo', ingestTime: r.ts as number } };
    detections.push(...engine.processEvent(e));
  }
  return { detections, stepOf, stats: engine.stats() };
}

test('demo day: each analytic fires on its story step and nowhere else', () => {
  const { detections, stepOf, stats } = runDemo();
  const stepsOf = (d: Detection) => new Set(d.eventIds.map((id) => stepOf.get(id)).filter((s) => s !== undefined));
  // No detection is made of normal events alone.
  for (const d of detections) assert.ok(stepsOf(d).size > 0, `${d.rule.id} fired on normal traffic: ${d.explanation[0]}`);

  const byRule = (name: string) => detections.filter((d) => d.rule.id === `analytic:${name}`);
  const expect: Record<string, StoryStep> = {
    brute_force_success: 'ssh_login_success',
    new_country_login: 'ssh_login_success',
    impossible_travel: 'ssh_login_success',
    rare_process: 'suspicious_process',
    beaconing: 'c2_beaconing',
    exfil_volume: 'large_upload',
  };
  for (const [name, step] of Object.entries(expect)) {
    const fired = byRule(name);
    assert.ok(fired.length > 0, `${name} did not fire`);
    assert.ok(fired.every((d) => stepsOf(d).has(step)), `${name} fired outside ${step}`);
  }
  // Exact figures, explained: one brute force (the victim's login after the spray); impossible
  // travel twice (attacker after the victim's home login, then the victim's next home login
  // after the attacker's); rare process for certutil and the dropped payload; beaconing once
  // for the C2 address and once for the C2 name; exfiltration once per 10-minute bucket the
  // 8-minute upload touches.
  assert.equal(byRule('brute_force_success').length, 1);
  assert.equal(byRule('new_country_login').length, 1);
  assert.equal(byRule('impossible_travel').length, 2);
  assert.deepEqual(byRule('rare_process').map((d) => d.entities.process?.[0]?.split('\\').pop()), ['certutil.exe', 'msupdate.exe']);
  assert.equal(byRule('beaconing').length, 2);
  assert.ok(byRule('exfil_volume').length >= 1 && byRule('exfil_volume').length <= 2);
  assert.equal(byRule('port_scan').length, 0, 'the demo has no scan');
  assert.equal(byRule('dns_tunnel').length, 0, 'the demo has no DNS tunnel');
  for (const s of stats) {
    assert.equal(s.late, 0, `${s.id}: the demo stream is in order`);
    assert.equal(s.evicted, 0, `${s.id}: default caps hold a demo day`);
  }
});
