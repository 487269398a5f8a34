export { GatewayError } from './errors.js';
export { ephemeralDpopKey, generateClientKeys, publicJwkOf, signingKeyFromJwk } from './keys.js';
export type { ClientKeyFile } from './keys.js';
export { accessTokenHash, clientAssertion, dpopProof } from './proofs.js';
export type { SigningKeyPair } from './proofs.js';
export { GatewaySession } from './session.js';
export type { SessionOptions, TokenRequest, TokenResponse } from './session.js';
