/**
 * @need2know/policy: every decision of the gateway, pure — who may have a token and for what, whether
 * a token is usable now, grants and their approvals, purposes, disclosure modes and minimisation,
 * search, sensitive cases, media release, officers, registry changes, civil dates and readiness.
 * No I/O: no hono, no D1, no Durable Object, no env. The map of which file decides what: README.md.
 * How a chosen mode rewrites a value (masking, generalising, pseudonyms, narrative redaction) is
 * `@need2know/deidentify`, which `minimiseRecord` calls.
 */
export {
  APPROVALS_TO_WIDEN,
  MAX_ACCESS_TOKEN_LIFETIME,
  MAX_AUTHORIZATION_DETAILS,
  MAX_LOGGED_REASON_CHARS,
  MAX_WINDOW_SECONDS,
  MIN_USEFUL_TOKEN_LIFETIME,
  ORIGINAL_AUDIT_SECONDS,
  REFUSALS_LOGGED_PER_MINUTE,
  REFUSALS_LOGGED_PER_SOURCE_PER_MINUTE,
  SAME_VIEW_RETURN_SECONDS,
} from './constants.js';
export {
  CLIENT_KINDS,
  GRANT_REQUEST_ACTIONS,
  GRANT_STATUSES,
  LEADERSHIP_APPROVALS_FOR_MEDIA,
  LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES,
  OFFICER_ROLES,
  RECORD_ACTIONS,
} from './types.js';
export type {
  ApproverStanding,
  ClientKind,
  Grant,
  GrantRequest,
  GrantRequestAction,
  GrantStatus,
  OfficerRole,
  Purpose,
  PurposeRules,
  RecordAction,
} from './types.js';
export {
  authorizationDetailSchema,
  parseAuthorizationDetails,
  RECORD_ACCESS,
  RECORD_INGEST,
  recordAccessRequestSchema,
  recordIngestRequestSchema,
  STATS_ACCESS,
  statsAccessRequestSchema,
} from './authorization-details.js';
export type {
  AuthorizationDetailRequest,
  GrantedDetail,
  GrantedRecordAccess,
  GrantedRecordIngest,
  GrantedStatsAccess,
  ParsedDetails,
  RecordAccessRequest,
  RecordIngestRequest,
  StatsAccessRequest,
} from './authorization-details.js';
export { civilDate, listedOn } from './civil-date.js';
export { blurredRef, discloseClear } from './disclosure/clear.js';
export { BLUR_FLAGS, BLURRED_SUFFIX, REDACTED_SUFFIX } from './disclosure/context.js';
export { discloseMedia, holdsMedia } from './disclosure/media.js';
export type { MediaFieldMode } from './disclosure/media.js';
export type { MinimiseContext } from './disclosure/context.js';
export { fieldsToOpen } from './disclosure/fields-to-open.js';
export { minimiseRecord } from './disclosure/minimise.js';
export { disclosePredicate } from './disclosure/predicate.js';
export { discloseRedactedText } from './disclosure/redacted-text.js';
export { decideGrantChange, grantIsFinal, grantShouldExpire, NEW_GRANT } from './grant-lifecycle.js';
export type { ApplyChange, ChangeDecision, GrantOperation, RefuseChange, RequestChange } from './grant-lifecycle.js';
export { clientKeyIssues, newClientIssues } from './client-registration.js';
export type { ClientKeys, RegistrationIssue } from './client-registration.js';
export { grantCreationIssues } from './grant-creation.js';
export type { GrantCreationIssue, GrantProposal } from './grant-creation.js';
export { grantIsLive } from './grant-window.js';
export type { GrantWindow } from './grant-window.js';
export { isPublicEncryptionJwk, isPublicSigningJwk } from './jwk-rules.js';
export { mayReplaceKept, mayServeKept } from './kept-statistics.js';
export type { TableProvenance } from './kept-statistics.js';
export { approvalsInForce, decideLeadershipApproval, decideLeadershipWord, holdsRole, leadershipApproved } from './leadership-approvals.js';
export type { LeadershipApprovalDecision, AskOfLeadership } from './leadership-approvals.js';
export { protectedRendition } from './media-redaction.js';
export { FACE_REMOVAL_REASONS, MAX_MEDIA_REGIONS, MAX_REGION_NOTE, protectionAfterEdit, REGION_REASONS, regionEditIssues } from './media-regions.js';
export type {
  FaceRemoval,
  FaceRemovalReason,
  ManualRegion,
  RegionBox,
  RegionEdit,
  RegionFacts,
  RegionIssue,
  RegionIssueCode,
  RegionReason,
} from './media-regions.js';
export { isMediaMode, parseRequestedRef, renditionForMode, renditionToRelease } from './media-rendition.js';
export type { MediaFacts, MediaMode, ReleasedRendition, RequestedMedia } from './media-rendition.js';
export type { FaceScores, ProtectedRendition } from './media-redaction.js';
export { decideRedactionAudit } from './media-audit.js';
export type { AuditDecision, AuditedMedia, AuditRequest } from './media-audit.js';
export {
  decideOriginalAuditApproval,
  decideOriginalAuditClose,
  mayRequestOriginalAudit,
  originalAuditState,
  originalReleasedTo,
} from './original-audit.js';
export type { LeadershipApproval, OriginalAuditClosing, OriginalAuditRequest, OriginalAuditState, OriginalAuditStatus } from './original-audit.js';
export { protectedOriginalAccess } from './media-reveal.js';
export type { ProtectedOriginalAccess } from './media-reveal.js';
export { mayReleaseUnblurredMedia } from './media.js';
export { CODE_REQUESTS, mayAskForNewCode, officerStatusAfter, voidsOpenCodes } from './officer-lifecycle.js';
export type { OfficerEvent, OfficerStatus } from './officer-lifecycle.js';
export { checkPurposeRules } from './purpose-rules.js';
export type { RuleIssue } from './purpose-rules.js';
export { modesAPurposeMayChoose, modeWhenAbsent } from './purpose-modes.js';
export { purposeIssues } from './purpose-registration.js';
export type { PurposeAsked } from './purpose-registration.js';
export { purposeWidenings } from './purpose-widening.js';
export type { PurposeTerms } from './purpose-widening.js';
export { judgeReadiness, servingProblems } from './readiness.js';
export type { KeyCheckState, ReadinessCheck, ReadinessObservations, ReadinessProblem, SecretState } from './readiness.js';
export { NEW_CLIENT, planClientChange } from './registry-changes.js';
export type { ClientChange, ClientChangePlan, ClientRequestKind } from './registry-changes.js';
export { decideSearch, probeId, probesToCount } from './search-scope.js';
export type { SearchDecision } from './search-scope.js';
export { carriesMark, hiddenFor, maySeeSensitiveCases, SENSITIVE_CASES } from './sensitive-cases.js';
export type { HiddenMark } from './sensitive-cases.js';
export { issuedEntry, refusalBounds, refusalEntry } from './token-log.js';
export type { ClaimedClient, RefusalBound, TokenRefusal } from './token-log.js';
export { decideRecordAccess, decideRecordIngest } from './token-policy.js';
export type { TokenClient, TokenDecision } from './token-policy.js';
export { decideTokenUse, detailNow, fieldsNow } from './token-use.js';
export type { ClientNow, RecordAccessNow, TokenRefusal as TokenRequestRefusal, TokenStanding, TokenUse } from './token-use.js';
export { ADMIN_SCOPE, decideAccessKind, OFFICER_SCOPE, TOKEN_KINDS } from './access-kinds.js';
export type { AccessKindDecision, AccessKindGranted, AccessKindRefused, KindToken, TokenKind } from './access-kinds.js';
export { decideApproval, decideRejection, officersBehind } from './two-person-rule.js';
export type { ApprovalDecision, ApprovalRefusal, RejectionDecision, RequestAwaitingApproval } from './two-person-rule.js';
export { chooseProtection, grantedThreshold, PROTECTION_METHODS, publicSettingIssues, publicWidenings, thresholdIssue } from './stats-protection.js';
export type { ChosenProtection, ProtectionAsked, ProtectionMethod, ProtectionRefusal, PublicSetting, TableAccess } from './stats-protection.js';
export { decideStatsAccess } from './stats-token-policy.js';
export type { StatsGrantTerms } from './stats-token-policy.js';
export {
  facetBounds,
  isPlaceCode,
  isWithinRowScope,
  linksFor,
  MAX_SCOPE_PLACES,
  parseRowScope,
  ROW_LINKS,
  rowFacetsOf,
  rowScopeFilter,
  rowScopeSchema,
} from './row-scope.js';
export type { RowFacets, RowLink, RowScope, RowScopeFilter } from './row-scope.js';
export { beyondPurposeScope, effectiveRowScope, isNarrowing, isWidening, NO_RECORDS, rowLinksFor, rowScopeWidenings } from './row-scope-change.js';
export { describeRowScope } from './row-scope-words.js';
export type { PlaceNames, ScopeLanguage } from './row-scope-words.js';
export { viewReturn } from './viewer-return.js';
export type { HiddenView, ReturnClaim, ReturnDecision } from './viewer-return.js';
export { COPYABLE_KINDS, copyableFieldIssues, copyableWidenings, MAX_COPYABLE_PER_TYPE, mayCopyField } from './copyable-fields.js';
export type { CopyableFields } from './copyable-fields.js';
export {
  decideRequestReason,
  defaultReasonRequired,
  MAX_REASON_CHARS,
  MAX_REFERENCE_CHARS,
  parseTraceparent,
  REASON_REQUEST_KINDS,
  reasonRequiredFor,
  reasonWidenings,
} from './request-reason.js';
export type { ReasonAsked, ReasonDecision, ReasonIssue, ReasonRequestKind, ReasonSetting, StatedReason } from './request-reason.js';
export {
  MAX_VIDEO_DURATION_MS,
  MAX_VIDEO_ORIGINAL_BYTES,
  MAX_VIDEO_REGIONS,
  MAX_VIDEO_RENDITION_BYTES,
  MAX_VIDEO_TRACKS,
  videoManifestIssues,
  videoProtection,
} from './video-manifest-check.js';
export type { VideoManifestIssue } from './video-manifest-check.js';
export { videoUploadOpening, videoUploadStep } from './video-upload-steps.js';
export type {
  VideoUploadCaller,
  VideoUploadDecision,
  VideoUploadFacts,
  VideoUploadRefusal,
  VideoUploadState,
  VideoUploadStep,
} from './video-upload-steps.js';
