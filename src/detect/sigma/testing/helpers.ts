/**
 * Small builders for engine tests: a rule from a detection snippet, Sysmon/Security events in
 * the evtx_dump shape.
 */
import type { CompileResult } from '../compile-bundle.js';
import { compileSigmaBundle } from '../compile-bundle.js';
import type { CompileOptions } from '../compile/rule-to-ir.js';
import { loadSigmaText } from '../model/collection.js';

/** Compile YAML text (one or more documents). */
export function compileText(text: string, opts: CompileOptions = {}, name = 'test.yml'): CompileResult {
  return compileSigmaBundle(loadSigmaText([{ text, name }]), opts);
}

/** A process_creation/windows rule with the given detection body (indented two spaces). */
export function procRule(detection: string, extra = ''): string {
  return `title: test rule\nid: 11111111-1111-4111-8111-111111111111\nlevel: high\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n${detection}\n${extra}`;
}

export function sysmonEvent(eventId: number, data: Record<string, unknown>, extra: { time?: string; computer?: string } = {}): Record<string, unknown> {
  return winEvent('Microsoft-Windows-Sysmon/Operational', 'Microsoft-Windows-Sysmon', eventId, data, extra);
}

export function securityEvent(eventId: number, data: Record<string, unknown>, extra: { time?: string; computer?: string } = {}): Record<string, unknown> {
  return winEvent('Security', 'Microsoft-Windows-Security-Auditing', eventId, data, extra);
}

export function winEvent(channel: string, provider: string, eventId: number, data: Record<string, unknown>, extra: { time?: string; computer?: string } = {}): Record<string, unknown> {
  return {
    Event: {
      System: {
        Provider: { '#attributes': { Name: provider } },
        EventID: eventId,
        TimeCreated: { '#attributes': { SystemTime: extra.time ?? '2024-01-01T00:00:00.000Z' } },
        Channel: channel,
        Computer: extra.computer ?? 'host1',
      },
      EventData: data,
    },
  };
}
