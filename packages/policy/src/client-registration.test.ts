import { describe, expect, it } from 'vitest';
import { clientKeyIssues, newClientIssues } from './client-registration.js';

// RFC 8037 §A.2 (Ed25519 public key) and RFC 7748 §6.1 (X25519 public key, Alice), as JWKs.
const ED25519 = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const X25519 = { kty: 'OKP', crv: 'X25519', x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo' };
const keys = (over: Partial<Parameters<typeof clientKeyIssues>[1]> = {}) => ({ signingKeys: [ED25519], encryptionKey: X25519, ingestTypes: [], ...over });
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('a client’s keys', () => {
  it('are valid as public signing and encryption keys', () => {
    expect(clientKeyIssues('partner', keys())).toEqual([]);
  });

  it('refuse a private key, and several keys without distinct kids', () => {
    expect(codes(clientKeyIssues('partner', keys({ signingKeys: [{ ...ED25519, d: 'secret' }] })))).toEqual(['invalid_key']);
    expect(codes(clientKeyIssues('partner', keys({ signingKeys: [ED25519, ED25519] })))).toEqual(['kid_required']);
    expect(codes(clientKeyIssues('partner', keys({ encryptionKey: ED25519 })))).toEqual(['invalid_key']);
  });

  it('include an encryption key for partners, who are sealed to', () => {
    expect(codes(clientKeyIssues('partner', keys({ encryptionKey: undefined })))).toEqual(['required']);
    expect(clientKeyIssues('privacy_officer', keys({ encryptionKey: undefined }))).toEqual([]);
  });

  it('let only data owners ingest, and only known record types', () => {
    expect(codes(clientKeyIssues('partner', keys({ ingestTypes: ['person'] })))).toEqual(['not_allowed']);
    expect(codes(clientKeyIssues('data_owner', keys({ ingestTypes: ['person', 'no_such_type'] })))).toEqual(['unknown_record_type']);
  });
});

describe('a new client', () => {
  it('is never an officer (they enrol through /officers), holds roles only as a privacy officer, and names a known agency', () => {
    expect(codes(newClientIssues('officer', keys(), [], true))).toEqual(['use_officers']);
    expect(codes(newClientIssues('partner', keys(), ['leadership'], true))).toEqual(['not_allowed']);
    expect(newClientIssues('privacy_officer', keys(), ['leadership'], true)).toEqual([]);
    expect(codes(newClientIssues('partner', keys(), [], false))).toEqual(['unknown_agency']);
  });
});
