import { describe, expect, it } from '@jest/globals';
import { KeyLayout } from './keyLayout';

/** Redis Cluster's slot of a key: CRC16-XMODEM of its hash tag (or the whole key) mod 16384. */
function clusterSlot(key: string): number {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

describe('KeyLayout', () => {
  const keys = new KeyLayout('mlops:fs');

  it('builds <prefix>:<view>:{<entityKey>}', () => {
    expect(keys.key('driver_stats', 'driver_id=42')).toBe('mlops:fs:driver_stats:{driver_id=42}');
    expect(keys.viewPattern('driver_stats')).toBe('mlops:fs:driver_stats:{*');
  });

  it('puts every view of one entity in one cluster slot, and spreads the entities of a view', () => {
    const views = ['driver_stats', 'driver_trips', 'driver_ratings_v2'];
    for (const entity of ['driver_id=1', 'driver_id=2', 'id=7|region=eu']) {
      expect(new Set(views.map((v) => clusterSlot(keys.key(v, entity)))).size).toBe(1);
    }
    const slots = new Set(Array.from({ length: 1000 }, (_, i) => clusterSlot(keys.key('driver_stats', `driver_id=${i}`))));
    expect(slots.size).toBeGreaterThan(900);
  });

  it('rejects view names that would break keys or SCAN patterns', () => {
    for (const bad of ['', 'a:b', 'a b', 'a{b', 'a}', 'a*', 'a?', 'a[b]', 'a\\b']) {
      expect(() => keys.checkView(bad)).toThrow(/view: expected a name without whitespace, ":", braces or glob characters, received/);
    }
    expect(() => keys.checkView('driver_stats.v2-ü@3')).not.toThrow();
  });
});
