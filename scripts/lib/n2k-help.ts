import { STATS_HELP } from './stats-cli.js';
import { GRANT_SCOPE_HELP } from './grant-scope-cli.js';
import { CREDENTIALS } from './local-files.js';

/** The `npm run n2k -- --help` text: every command, grouped by who uses it. */
export const HELP = `need2know command line

  npm run n2k -- <command> [options]

Registry (privacy officer)
  agencies list | create --id ID --name NAME [--name-km NAME]
  clients list | show ID | suspend ID | resume ID
  clients create --id ID --kind partner|data_owner --agency ID --name NAME --jwks FILE [--encryption-jwk FILE] [--ingest-types a,b]
  purposes list | show ID | create --file PURPOSE.json | update ID --file PURPOSE.json
                      [--officer-requests-per-minute N] [--officer-persons-per-hour N]
                      each client's own limits under one grant (default: half the grant's)
                      [--reason-required yes|no] record requests must carry N2K-Reference and
                      N2K-Reason (default on create: yes when it discloses persons; no waits for
                      a second officer)
  grants list [--status S] | show ID | requests
  grants create --purpose ID --agency ID --from WHEN --until WHEN --data-life DURATION [--records id,id] [--sensitive-cases] [--note TEXT]
  grants approve ID REQUEST_ID | reject ID REQUEST_ID
  grants extend ID --until WHEN | shorten ID --until WHEN
  grants suspend ID | resume ID | revoke ID            (all take --reason TEXT)
  grants leadership-approve ID --reason TEXT          leadership: approve what the grant asks of leadership
${GRANT_SCOPE_HELP}
                                                      (flagged media unblurred, cases marked sensitive; two needed)
  requests [--status S] | requests approve ID | requests reject ID   registry changes awaiting a second officer
                                                      (approving an officer or a new code prints the code, once)
  officers list [--agency ID]                         partner agencies' officers and their viewers
  officers create --id ID --agency ID --name NAME     register an officer; the second officer who approves gets the code
  officers code ID [--reason TEXT]                    a new code (new device): old keys stop at once; the code goes to the approver
  officers suspend ID | resume ID                     (resume needs a second officer)
  views show VIEW_ID                                  who opened what, when (a view id from a leaked copy)
  trace FILE                                          name the view a leaked copy came from: FILE is copied
                                                      text (- for stdin) or a PNG screenshot
  events [--after SEQ] [--limit N]
  keys list | rotate                                  token-signing keys
  keys field-status | field-rotate | field-retire     field-encryption key versions
  keys rewrap [--batch N]                             move everything sealed (records, media, reasons) to the newest field key
  housekeeping                                        run the scheduled job now
  media scaled-copies [--batch N]                     make the missing copies at the working size of large photos stored
                                                      before uploads made them (they are refused with media_too_large until then)

Oversight
  audit checkpoint                                    the latest signed checkpoint
  audit export [--from N] [--to N] --out FILE         a signed log segment (privacy officer)
  audit verify --file FILE [--vkey KEY]               verify an export offline (KEY: the log's
                                                      published vkey; fetched from --gateway if absent)
  reports daily [--days N] [--time-zone TZ] [--agency ID] [--purpose ID]
                                                      disclosures, refusals and rate-limit hits per local
                                                      day (default 14 days in Asia/Phnom_Penh)
  reports subject-access --national-id ID --reason TEXT   every disclosure of one person's data
  record-types                                        each field and the disclosure modes a purpose may give it

Data owner tools
  load --client ID --type TYPE --file FILE.ndjson [--batch N]   bulk-load records (resumable)
  demo-load [--persons N] [--seed S]                  load the synthetic demo dataset
  media upload --client ID [--type case|person] --id RECORD_ID --ref REF --file PHOTO.jpg [--regions REGIONS.json]
                      upload a photo a record names; with --regions, its manual redaction regions at once
  media upload --client ID [--type case|person] --id RECORD_ID --ref REF --file CLIP.mp4 [--regions REGIONS.json]
               [--out DIR] [--dry-run]
                      redact a video here (MP4, H.264, AAC or no audio, up to 5 min, 500 MB, 1920 × 1080; faces
                      found on every frame at up to 15 fps and tracked), write redacted.mp4, blurred.mp4 and
                      manifest.json to DIR, then upload them (not with --dry-run); audio is always dropped.
                      Regions: {"regions": [{"x","y","w","h","from_ms","to_ms","reason","note"?}]}
                      An upload that stops once sent (a file changed, a refusal, Ctrl-C or SIGTERM) is cancelled:
                      the gateway deletes what was sent at once; stopped by a signal, the command exits 130 or 143.
                      The upload's id and expiry are printed as soon as it is opened ("upload ID opened …").
  media cancel UPLOAD_ID --client ID [--type case|person]
                      cancel a video upload the client opened and did not complete (the tool was killed, or the
                      machine slept): the gateway deletes what was sent at once, logs the cancel, and this prints
                      the chunks and bytes deleted. Exits 1 when the upload is complete (a stored video is
                      replaced, not cancelled), unknown to this client, already expired, or the token is refused.
  media regions --client ID [--type case|person] --ref REF --regions REGIONS.json
                      replace a photo's manual regions: {"regions": [{"x","y","width","height","reason","note"?}],
                      "removed_faces": [{"face","reason","note"?}]}; reasons: plate, tattoo, id_document, screen,
                      restraints, missed_face, other (with a note); face removals: not_a_face, picture_of_a_picture, other

Partner tools
  token --client ID --purpose ID                      get a DPoP-bound token as a demo client
  session --client ID --purpose ID                    show what the purpose grants (GET /v1/session)

${STATS_HELP}
Options
  --as OFFICER        privacy officer to act as (default: the first in the credentials file)
  --gateway URL       gateway URL (default: the issuer in the credentials file)
  --credentials FILE  credentials file (default: ${CREDENTIALS})
  --json              print raw JSON
  WHEN is RFC 3339 with a time zone, "now", or an offset like +96h; DURATION like 72h, 7d, 3600.
`;
