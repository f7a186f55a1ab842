// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import { snowflakeTime } from './snowflake-time';
import { fingerprint } from './fingerprint';

describe('snowflake time', () => {
  it('reads the moment Discord minted an id', () => {
    // Discord's documented example: 175928847299117063 was minted at 2016-04-30T11:18:25.796Z.
    expect(snowflakeTime('175928847299117063').toISOString()).toBe('2016-04-30T11:18:25.796Z');
  });
});

describe('fingerprint', () => {
  it('is stable for the same content and differs for different content', () => {
    expect(fingerprint('1,2,3')).toBe(fingerprint('1,2,3'));
    expect(fingerprint('1,2,3')).not.toBe(fingerprint('1,2,4'));
  });
});
