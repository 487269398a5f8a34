/**
 * The entries the need2know gateway appends to its log, one member per kind (FORMAT.md, "Entries").
 * Field names are the wire names verifiers see; identifiers of persons and records are keyed hashes
 * (`psn_…`), never ids or names. Build entries with the functions of `entry-builders.ts`, not with
 * object literals, so every producer writes the same fields.
 */

/** The rate limit that refused a request (the names privacy officers set on a purpose). */
export type LimitName = 'requests_per_minute' | 'persons_per_hour' | 'officer_requests_per_minute' | 'officer_persons_per_hour';

/** What was asked of a record: one record, a search, an existence check, or a media item. */
export type DisclosureAction = 'fetch' | 'search' | 'check' | 'media';

/** How a record request ended. */
export type DisclosureOutcome =
  | 'disclosed'
  | 'not_found'
  | 'rate_limited'
  | 'key_destroyed'
  | 'reason_required'
  | 'reason_invalid'
  // An original the grant releases that is too large to deliver whole, with no copy at the working size.
  | 'media_too_large';

/** `disclosure`: who received what about whom, bound to the request and the response. */
export interface DisclosureLogEntry {
  readonly kind: 'disclosure';
  readonly id: string;
  readonly at: number;
  readonly client: string;
  readonly agency: string;
  readonly purpose: string;
  readonly grant: string;
  readonly action: DisclosureAction;
  readonly record_type: string;
  /** Keyed hashes of the persons concerned (empty when nothing was disclosed). */
  readonly subjects: readonly string[];
  /** Field → disclosure mode (`clear`, `masked`, …) the answer applied. */
  readonly fields: Readonly<Record<string, string>>;
  readonly request_hash: string;
  /** Hash of the answer; empty when nothing was answered. */
  readonly response_hash: string;
  readonly outcome: DisclosureOutcome;
  /** Only with outcome `rate_limited`: which limit refused the request. */
  readonly limit?: LimitName;
  /** The case or outbreak number the caller stated (`N2K-Reference`), when it sent one. */
  readonly reference?: string;
  /** Keyed hash of the reason the caller stated (`N2K-Reason`), which is kept sealed, when it sent one. */
  readonly reason_hash?: string;
  /** The caller's valid W3C `traceparent`, when it sent one. */
  readonly traceparent?: string;
}

/** `token`, outcome `issued`: an access token handed out. */
export interface TokenIssuedLogEntry {
  readonly kind: 'token';
  readonly at: number;
  readonly client: string;
  readonly outcome: 'issued';
  readonly jti: string;
  readonly expires_in: number;
  /** The granted RFC 9396 details; a case-specific grant's record ids appear as `record_id_hashes`. */
  readonly authorization_details: readonly object[] | null;
  readonly scope: string | null;
}

/** `token`, outcome `refused`: a refused token request (bounded, validated values only). */
export interface TokenRefusedLogEntry {
  readonly kind: 'token';
  readonly at: number;
  /** A registered client's id, or null when the claim was not a registered client. */
  readonly client: string | null;
  /** Keyed hash of an unknown claimed client id (absent when none was claimed or it was registered). */
  readonly client_hash?: string;
  readonly outcome: 'refused';
  /** The RFC 6749 error code answered. */
  readonly error: string;
  /** The gateway's own reason, printable ASCII, bounded. */
  readonly reason: string;
}

/** `ingest`: a batch of records a data owner sent (counts and keyed hashes of the new versions). */
export interface IngestLogEntry {
  readonly kind: 'ingest';
  readonly at: number;
  readonly client: string;
  readonly owner: string;
  readonly record_type: string;
  readonly received: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Keyed hashes of `<type>:<id>:<version>` of every version created or updated. */
  readonly records: readonly string[];
}

/** `media_ingest`: one media item stored for a record (never a pixel or a face box). */
export interface MediaIngestLogEntry {
  readonly kind: 'media_ingest';
  readonly at: number;
  readonly client: string;
  readonly owner: string;
  readonly record_type: string;
  /** Keyed hash of `<type>:<id>` of the record the item belongs to. */
  readonly records: readonly string[];
  readonly field: string;
  readonly content_type: string;
  readonly bytes: number;
  /** Who blurred the blurred rendition, or null when there is none. */
  readonly blurred_by: 'gateway' | 'owner' | null;
  /** The rendition that protects the persons shown, or null when none is needed. */
  readonly redaction: 'redacted' | 'blurred' | null;
  /** Number of faces found, or null when the item was not searched for faces. */
  readonly faces: number | null;
  readonly outcome: 'created' | 'replaced';
  /** A video's redaction manifest: SHA-256 (hex) of its bytes as the gateway keeps them sealed; absent for photos. */
  readonly manifest_sha256?: string;
}

/**
 * `media_upload_cancelled`: a video upload its data owner's client cancelled before completing it,
 * and what was dropped with it (counts only: never a byte, a face box or the manifest).
 */
export interface MediaUploadCancelledLogEntry {
  readonly kind: 'media_upload_cancelled';
  readonly at: number;
  /** The client that opened and cancelled it. */
  readonly client: string;
  readonly owner: string;
  readonly record_type: string;
  /** Keyed hash of `<type>:<id>` of the record the video was for. */
  readonly records: readonly string[];
  readonly field: string;
  /** The upload's id (random, names nothing). */
  readonly upload_id: string;
  /** SHA-256 (hex) of the manifest the upload was opened with. */
  readonly manifest_sha256: string;
  /** Chunks received and deleted, and their plaintext bytes. */
  readonly chunks: number;
  readonly bytes: number;
}

/** One manual region of a `media_regions` entry: the box (pixels of the upright picture) and its reason. */
export interface LoggedRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly reason: string;
  /** Keyed hash of the free text the owner gave (`other`), never the text; null without one. */
  readonly note_hash: string | null;
}

/** One automatic face box taken away, by its position in the sealed detection, and why. */
export interface LoggedFaceRemoval {
  readonly face: number;
  readonly reason: string;
  readonly note_hash: string | null;
}

/** `media_regions`: the data owner's manual regions and face removals of one media item, as set (never a pixel). */
export interface MediaRegionsLogEntry {
  readonly kind: 'media_regions';
  readonly at: number;
  readonly client: string;
  readonly owner: string;
  readonly record_type: string;
  /** Keyed hash of `<type>:<id>` of the record the item belongs to. */
  readonly records: readonly string[];
  readonly field: string;
  /** Every region now set, in order (the whole set: it replaces the last). */
  readonly regions: readonly LoggedRegion[];
  readonly removed_faces: readonly LoggedFaceRemoval[];
  /** The rendition that now protects the persons shown. */
  readonly redaction: 'redacted' | 'blurred';
}

/** `stats_release`: a release of aggregate statistics (parameters, protection and hash; never a count). */
export interface StatsReleaseLogEntry {
  readonly kind: 'stats_release';
  readonly id: string;
  readonly at: number;
  /** An agency id, or `public`. */
  readonly consumer: string;
  readonly purpose: string;
  readonly client: string | null;
  readonly grant: string | null;
  readonly table: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
  /** How the release was protected (integers only: ε in millionths). */
  readonly protection: Readonly<Record<string, string | number>>;
  readonly cells: number;
  readonly withheld: number;
  readonly response_hash: string;
}

/** What happened in an officer's viewer (the `event` of a `viewer` entry and its own fields). */
export type ViewerEvent =
  | { readonly event: 'view'; readonly view: string; readonly disclosure: string; readonly record_type: string; readonly epoch: number }
  | { readonly event: 'view_refused'; readonly disclosure: string; readonly epoch: number; readonly reason: 'key_destroyed' }
  | { readonly event: 'blocked'; readonly view: string; readonly counts: Readonly<Record<string, number>> }
  /** `rendition: 'scaled'` only when the original was too large to hand over whole and went out as its copy at the working size. */
  | { readonly event: 'reveal'; readonly view: string; readonly media: string; readonly reason_hash: string; readonly rendition?: 'scaled' }
  /** A return to the same view within the stated time: the view stays one, its hidden interval `[hidden_from, hidden_to]` (Unix seconds) is logged with it. */
  | { readonly event: 'return'; readonly view: string; readonly hidden_from: number; readonly hidden_to: number }
  /** A field the purpose marks "may be copied" was copied (the field's name, never its value). */
  | { readonly event: 'copy'; readonly view: string; readonly record_type: string; readonly field: string };

/** Who acted in the viewer, under which grant (the fields every `viewer` entry has). */
export interface ViewerActor {
  readonly id: string;
  readonly at: number;
  readonly officer: string;
  readonly agency: string;
  readonly purpose: string;
  readonly grant: string;
}

/** `viewer`: an event in an officer's viewer. */
export type ViewerLogEntry = { readonly kind: 'viewer' } & ViewerActor & ViewerEvent;

/** `admin`: an administrative event, carried from its hash chain in the gateway's database. */
export interface AdminLogEntry {
  readonly kind: 'admin';
  /** Position in the administrative hash chain (1, 2, …). */
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly prev_hash: string;
  readonly hash: string;
}

/** Every entry the gateway writes, told apart by `kind` (and `outcome` for tokens, `event` for the viewer). */
export type LogEntry =
  | DisclosureLogEntry
  | TokenIssuedLogEntry
  | TokenRefusedLogEntry
  | IngestLogEntry
  | MediaIngestLogEntry
  | MediaUploadCancelledLogEntry
  | MediaRegionsLogEntry
  | StatsReleaseLogEntry
  | ViewerLogEntry
  | AdminLogEntry;

/** The kinds of {@link LogEntry}. */
export type LogEntryKind = LogEntry['kind'];
