import { describe, expect, it } from '@jest/globals';
import { Command } from 'ioredis';
import { HmgetCommand, hmgetFields } from './hmgetCommand';

describe('HmgetCommand', () => {
  it('writes the bytes ioredis writes for the same HMGET, multi-byte names included', () => {
    const fields = ['f0', 'prix_€', '@event_ts', '@written_at'];
    for (const key of ['p:v:{driver_id=7}', 'p:v:{名前=ü}']) {
      const ours = new HmgetCommand(key, hmgetFields(fields)).toWritable();
      const theirs = new Command('hmget', [key, ...fields], { replyEncoding: 'utf8' }).toWritable({});
      expect(Buffer.from(ours as string)).toEqual(Buffer.from(theirs as string));
    }
  });

  it('gives ioredis the key, so a cluster client routes it to the key slot', () => {
    expect(new HmgetCommand('p:v:{a}', hmgetFields(['x'])).getKeys()).toEqual(['p:v:{a}']);
  });
});
