import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMUNICATION_STATUSES } from '../resolutions/communication.ts';
import {
  answerTypeOf,
  isAllowedAddress,
  originOf,
  remoteAddressOf,
  statusOfAnswer,
} from './remote-body.ts';

describe('remote bodies', () => {
  it('reads a handle or an actor URL from a "calls on" name, and nothing else', () => {
    expect(remoteAddressOf('@nec@party.example')).toEqual({
      kind: 'handle',
      user: 'nec',
      host: 'party.example',
      text: '@nec@party.example',
    });
    expect(remoteAddressOf('https://party.example/federation/bodies/1')).toMatchObject({
      kind: 'url',
      url: 'https://party.example/federation/bodies/1',
    });
    expect(remoteAddressOf('the Northfield Party NEC')).toBeNull();
    expect(remoteAddressOf('https://user:pw@party.example/x')).toBeNull();
    expect(remoteAddressOf('ftp://party.example/x')).toBeNull();
    expect(originOf(remoteAddressOf('@nec@party.example')!)).toBe('https://party.example');
  });

  it('offers only to allowed peers', () => {
    const allowed = ['https://party.example'];
    expect(isAllowedAddress(allowed, remoteAddressOf('@nec@party.example')!)).toBe(true);
    expect(isAllowedAddress(allowed, remoteAddressOf('@nec@other.example')!)).toBe(false);
    expect(
      isAllowedAddress(allowed, remoteAddressOf('http://party.example/federation/bodies/1')!),
    ).toBe(false);
  });

  it('sends each answerable state as one activity type, and reads it back only from that type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMUNICATION_STATUSES), (status) => {
        const type = answerTypeOf(status);
        if (type) expect(statusOfAnswer(type, status)).toBe(status);
        for (const other of ['Read', 'Accept', 'Reject', 'Add', 'Update'] as const) {
          if (other !== type) expect(statusOfAnswer(other, status)).toBeNull();
        }
      }),
    );
    expect(answerTypeOf('ruled-out')).toBe('Reject');
    expect(answerTypeOf('carried')).toBe('Update');
    expect(answerTypeOf('sent')).toBeNull();
  });
});
