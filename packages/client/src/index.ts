export { readCompactBody } from './compact-body.js';
export { DISCLOSURE_TYP, DisclosureError, openDisclosure } from './disclosure.js';
export type { DisclosedMedia, Disclosure, MediaSize, OpenOptions } from './disclosure.js';
export { GatewayError } from './errors.js';
export { ephemeralDpopKey, generateClientKeys, publicJwkOf, signingKeyFromJwk } from './keys.js';
export type { ClientKeyFile } from './keys.js';
export { accessTokenHash, clientAssertion, dpopProof } from './proofs.js';
export type { SigningKeyPair } from './proofs.js';
export { mediaItemOf, PartnerClient } from './partner.js';
export type { CheckSubject, MediaItem, PartnerOptions } from './partner.js';
export { GatewaySession } from './session.js';
export { sendRetryingUnavailable } from './retry.js';
export type { UnavailableRetry } from './retry.js';
export { statedReasonHeaders } from './stated-reason.js';
export type { StatedReason } from './stated-reason.js';
export type { SessionOptions, TokenRequest, TokenResponse } from './session.js';
export { cancelVideoUpload, contentDigest, uploadVideo, VIDEO_FILES, VIDEO_UPLOAD_PATH } from './video-upload.js';
export type {
  VideoFile,
  VideoFileReader,
  VideoFileSource,
  VideoStored,
  VideoUpload,
  VideoUploadAbandoned,
  VideoUploadCancelled,
  VideoUploadOpened,
  VideoUploadOptions,
} from './video-upload.js';
